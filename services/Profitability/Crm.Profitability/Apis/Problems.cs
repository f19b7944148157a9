using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Profitability.Apis;

/// <summary>The problem responses the profitability API gives, worded once.</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(ValidationErrors errors) => errors.ToProblem();

    public static ValidationProblem Invalid(string field, string message) => ValidationErrors.Problem(field, message);

    /// <summary>Well-formed data a model cannot be fitted to (no repeat buyers, no spend...): 422 with the reason.</summary>
    public static ProblemHttpResult NotFittable(string reason) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, title: "The models cannot be fitted to these data", detail: reason);

    public static ProblemHttpResult NotFound(string what, object id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: $"There is no {what.ToLowerInvariant()} {id}.");
}
