using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Segmentation.Apis;

/// <summary>What segmentation knows of a customer — the facts segment rules read.</summary>
public static class CustomerFactsApi
{
    public static IEndpointRouteBuilder MapCustomerFactsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/segments").WithTags("Customer facts")
            .MapGet("/customers/{customerId:guid}/facts", GetCustomerFacts)
            .WithName(nameof(GetCustomerFacts))
            .WithSummary("A customer's RFM scores and segment, value tier, profit band, consents and profile facts");
        return app;
    }

    public static async Task<Results<Ok<CustomerFactsView>, ProblemHttpResult>> GetCustomerFacts(
        Guid customerId, CustomerFactQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(customerId, cancellationToken) is { } facts
            ? TypedResults.Ok(facts)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not known",
                detail: $"Segmentation has no facts about customer {customerId}.");
}
