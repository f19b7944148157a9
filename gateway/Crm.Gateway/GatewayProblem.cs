using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Gateway;

/// <summary>
/// The gateway's own errors, as RFC 9457 problem details like every service's: front ends handle one error shape,
/// whether the gateway or a service answered.
/// </summary>
internal static class GatewayProblem
{
    public static ProblemHttpResult Create(int statusCode, string title, string detail) =>
        TypedResults.Problem(statusCode: statusCode, title: title, detail: detail);

    public static Task WriteAsync(HttpContext context, int statusCode, string title, string detail) =>
        Create(statusCode, title, detail).ExecuteAsync(context);
}
