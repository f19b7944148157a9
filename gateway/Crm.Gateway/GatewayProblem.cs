using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Gateway;

/// <summary>
/// The gateway's own errors, as RFC 9457 problem details like every service's: front ends handle one error shape,
/// whether the gateway or a service answered.
/// </summary>
internal static class GatewayProblem
{
    public static ProblemHttpResult Create(int statusCode, string title, string detail) =>
        TypedResults.Problem(statusCode: statusCode, title: title, detail: detail, type: TypeOf(statusCode));

    public static Task WriteAsync(HttpContext context, int statusCode, string title, string detail) =>
        Create(statusCode, title, detail).ExecuteAsync(context);

    // ASP.NET Core fills in `type` for the RFC 9110 statuses only; the gateway's RFC 6585 ones need it given.
    private static string? TypeOf(int statusCode) => statusCode switch
    {
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
        _ => null,
    };
}
