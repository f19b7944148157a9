using Crm.Segmentation.Data;
using Crm.Segmentation.Model.Portraits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Segmentation.Apis;

/// <summary>
/// Pen portraits of segments and of everyone, the ideal customer (the most profitable segment's portrait), and how
/// much each customer looks like it; look-alikes come in keyset pages (<c>after</c>, <c>limit</c> ≤ 1000).
/// </summary>
public static class PortraitsApi
{
    public const int MaxPage = 1_000;

    public static IEndpointRouteBuilder MapPortraitsApi(this IEndpointRouteBuilder app)
    {
        var portraits = app.MapGroup("/api/segments").WithTags("Portraits");

        portraits.MapGet("/{segmentId:guid}/portrait", GetSegmentPortrait)
            .WithName(nameof(GetSegmentPortrait))
            .WithSummary("Who the segment's members are: size, revenue and profit shares, value, RFM, demographics, channels, consents");

        portraits.MapGet("/population/portrait", GetPopulationPortrait)
            .WithName(nameof(GetPopulationPortrait))
            .WithSummary("The portrait of every customer: the baseline segment portraits are compared with");

        portraits.MapGet("/ideal-customer", GetIdealCustomer)
            .WithName(nameof(GetIdealCustomer))
            .WithSummary("The portrait and feature profile of the most profitable segment, and why it was chosen");

        portraits.MapGet("/ideal-customer/look-alikes", ListLookAlikes)
            .WithName(nameof(ListLookAlikes))
            .WithSummary("Every customer ranked by how closely they resemble the ideal customer, best first (items, next)");

        portraits.MapGet("/customers/{customerId:guid}/look-alike", GetCustomerLookAlike)
            .WithName(nameof(GetCustomerLookAlike))
            .WithSummary("How closely a customer resembles the ideal customer, feature by feature");

        return app;
    }

    public static async Task<Results<Ok<Portrait>, ProblemHttpResult>> GetSegmentPortrait(
        Guid segmentId, PortraitQueries queries, CancellationToken cancellationToken) =>
        await queries.SegmentAsync(segmentId, cancellationToken) is { } portrait
            ? TypedResults.Ok(portrait)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Segment not found", detail: $"There is no segment {segmentId}.");

    public static async Task<Ok<Portrait>> GetPopulationPortrait(PortraitQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.PopulationAsync(cancellationToken));

    public static async Task<Results<Ok<IdealCustomer>, ProblemHttpResult>> GetIdealCustomer(
        IdealCustomerQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(cancellationToken) is { } ideal ? TypedResults.Ok(ideal) : NoIdealCustomer(queries.MinimumMembers);

    public static async Task<Results<Ok<LookAlikePage>, ValidationProblem, ProblemHttpResult>> ListLookAlikes(
        string? after, int? limit, IdealCustomerQueries queries, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > MaxPage)
        {
            errors.Add("limit", $"must be between 1 and {MaxPage}.");
        }

        var cursor = LookAlikeCursor.Start;
        if (after is not null && !LookAlikeCursor.TryParse(after, out cursor))
        {
            errors.Add("after", "must be the next value of a previous page.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        return await queries.RankAsync(cursor, limit ?? 100, cancellationToken) is { } page
            ? TypedResults.Ok(page)
            : NoIdealCustomer(queries.MinimumMembers);
    }

    public static async Task<Results<Ok<CustomerLookAlike>, ProblemHttpResult>> GetCustomerLookAlike(
        Guid customerId, IdealCustomerQueries queries, CancellationToken cancellationToken) =>
        await queries.CompareAsync(customerId, cancellationToken) switch
        {
            (false, _) => NoIdealCustomer(queries.MinimumMembers),
            (true, null) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not known",
                detail: $"Segmentation has no facts about customer {customerId}."),
            (true, { } lookAlike) => TypedResults.Ok(lookAlike),
        };

    private static ProblemHttpResult NoIdealCustomer(int minimumMembers) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No ideal customer yet",
        detail: $"No saved segment has at least {minimumMembers} members with some valued by profitability (Segmentation__IdealCustomerMinimumMembers).");
}
