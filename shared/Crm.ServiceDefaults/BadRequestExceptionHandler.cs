using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Crm.ServiceDefaults;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a value of the wrong type, a missing body) into a
/// problem response like the services' own validation problems: a body that is not the JSON expected names the
/// offending member in <c>errors</c> (<c>lines[0].quantity</c>, or <c>$</c> for the body as a whole).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    private const int MaxDetailLength = 200;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var invalid = badRequest.InnerException is JsonException json
            ? (Field(json.Path), "is not valid JSON, or not a value of the expected type.")
            : BindingFailure.Explain(badRequest.Message);
        ProblemDetails problem = invalid is var (field, message)
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Title = "The request is not valid.",
                Status = badRequest.StatusCode,
            }
            : new ProblemDetails
            {
                Title = "The request is not valid.",
                Status = badRequest.StatusCode,
                // The framework's message names the parameter; it may echo input, so it is cut short.
                Detail = badRequest.Message.Length <= MaxDetailLength ? badRequest.Message : badRequest.Message[..MaxDetailLength] + "…",
            };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // "$.lines[0].quantity" → "lines[0].quantity", the way the services name fields; "$" is the body as a whole.
    private static string Field(string? path) => path switch
    {
        null or "" or "$" => "$",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ => path,
    };
}
