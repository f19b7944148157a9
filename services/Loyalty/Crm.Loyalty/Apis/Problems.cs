using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Loyalty.Apis;

/// <summary>The problem responses the loyalty API gives, worded once.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what, object id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: $"There is no {what.ToLowerInvariant()} {id}.");

    /// <summary>A 404 for a thing the body names (a transfer's recipient): <c>errors</c> says which field names it.</summary>
    public static ProblemHttpResult NotFound(string what, object id, string field, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: detail,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [$"There is no {what.ToLowerInvariant()} {id}."] } });

    /// <summary>Well-formed but impossible now (not enough points, out of stock...): 422 with the reason, nothing changed.</summary>
    public static ProblemHttpResult Refused(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
