using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Customers.Apis;

/// <summary>The problem responses the customers API gives, worded once.</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(ValidationErrors errors) => errors.ToProblem();

    public static ValidationProblem Invalid(string field, string message) => ValidationErrors.Problem(field, message);

    public static ProblemHttpResult CustomerNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Customer not found", detail: $"There is no customer {id}.");

    /// <summary>A business id reused for different content: a retry must say the same thing as the first posting.</summary>
    public static ProblemHttpResult IdTaken(string what, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: $"{what} id already used",
        detail: $"{what} '{FieldRules.Shorten(id)}' was recorded earlier with different content.");

    /// <summary>Marks an answer to a retried posting: the same body as the first time, nothing recorded now.</summary>
    public static void MarkReplayed(HttpResponse response) => response.Headers["Idempotent-Replayed"] = "true";

    public static ProblemHttpResult CustomerErased(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Customer erased",
        detail: $"Customer {id} has been erased; nothing more can be recorded about them.");
}
