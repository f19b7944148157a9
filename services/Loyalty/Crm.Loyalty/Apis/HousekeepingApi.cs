using Crm.Loyalty.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Loyalty.Apis;

/// <summary>Runs the scheduled housekeeping now (operators, and tests that need time-driven work done).</summary>
public static class HousekeepingApi
{
    public static IEndpointRouteBuilder MapHousekeepingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/loyalty/housekeeping", RunHousekeeping)
            .WithTags("Operations")
            .WithName(nameof(RunHousekeeping))
            .WithSummary("Expire due points, send expiry notices, review tiers and award birthdays now");
        return app;
    }

    public static async Task<Results<Ok<HousekeepingOutcome>, ProblemHttpResult>> RunHousekeeping(Housekeeping housekeeping, CancellationToken cancellationToken) =>
        await housekeeping.RunAsync(cancellationToken) is { } outcome
            ? TypedResults.Ok(outcome)
            : Problems.Conflict("Housekeeping is running", "Another run is in progress; try again when it has finished.");
}
