using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Crm.Loyalty.Model.Earning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Loyalty.Apis;

/// <summary>How the retention plan is doing (KPIs) and what a promotion would cost (a what-if over past purchases).</summary>
public static class ProgrammeApi
{
    private static readonly TimeSpan MaxSimulatedPeriod = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapProgrammeApi(this IEndpointRouteBuilder app)
    {
        var programme = app.MapGroup("/api/loyalty").WithTags("Programme");

        programme.MapGet("/kpis", GetKpis)
            .WithName(nameof(GetKpis))
            .WithSummary("Members, active members, points issued/redeemed/expired, redemption rate, breakage and outstanding liability");

        programme.MapPost("/simulations", SimulatePromotion)
            .WithName(nameof(SimulatePromotion))
            .WithSummary("What-if: the extra points, liability and cost a proposed promotion would have given over a past period");

        return app;
    }

    public static async Task<Results<Ok<ProgrammeKpis>, ValidationProblem>> GetKpis(
        KpiQueries kpis, TimeProvider clock, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var errors = new ValidationErrors();
        RequestTimes.CheckNotBefore1970(errors, "from", from);
        RequestTimes.CheckNotBefore1970(errors, "to", to);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        // In UTC whatever offset the caller wrote: PostgreSQL's timestamptz parameters take only UTC, and it is the same instant.
        var end = (to ?? clock.GetUtcNow()).ToUniversalTime();
        var start = from?.ToUniversalTime() ?? end.AddDays(-30);
        return start >= end
            ? ValidationErrors.Problem("from", "must be before to.")
            : TypedResults.Ok(await kpis.ReadAsync(start, end, cancellationToken));
    }

    public static async Task<Results<Ok<PromotionWhatIf>, ValidationProblem>> SimulatePromotion(
        PromotionScenario scenario, NpgsqlDataSource dataSource, EarnRuleStore rules, PastPurchases purchases, KpiQueries kpis,
        IOptions<LoyaltyOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (scenario.Promotion is null)
        {
            errors.Add("promotion", "is required: the proposed earn rule.");
        }
        else if (EarnRuleDefinition.Validate(scenario.Promotion) is { } ruleErrors)
        {
            foreach (var (field, message) in ruleErrors.All)
            {
                errors.Add($"promotion.{field}", message);
            }
        }

        if (scenario.CostPerPoint is < 0)
        {
            errors.Add("costPerPoint", "must not be negative.");
        }

        RequestTimes.CheckNotBefore1970(errors, "from", scenario.From);
        RequestTimes.CheckNotBefore1970(errors, "to", scenario.To);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var promotion = scenario.Promotion!.ToRule(Guid.CreateVersion7(), 1);
        if (Period(scenario, promotion, clock.GetUtcNow()) is not { } period)
        {
            return ValidationErrors.Problem("from",
                $"is required for a promotion longer than {MaxSimulatedPeriod.TotalDays:0} days: the start of the past period to replay it over.");
        }

        var (from, to) = period;
        if (to <= from || to - from > MaxSimulatedPeriod)
        {
            return ValidationErrors.Problem("from", $"must be before to, at most {MaxSimulatedPeriod.TotalDays:0} days apart.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var simulation = new PromotionSimulation(await rules.InForceAsync(connection, null, cancellationToken));
        var costPerPoint = scenario.CostPerPoint ?? options.Value.CostPerPoint;
        var shifted = PromotionSimulation.ShiftedTo(promotion, from);
        var result = await Task.Run(
            () => simulation.Run(shifted, purchases.ReadAsync(from, to, cancellationToken).ToBlockingEnumerable(cancellationToken), costPerPoint), cancellationToken);
        // Expected cost: the liability times the share of issued points that are not left to expire (last year's breakage).
        var history = await kpis.ReadAsync(clock.GetUtcNow().AddYears(-1), clock.GetUtcNow(), cancellationToken);
        var redeemedShare = 1m - (history.Breakage ?? 0m);
        return TypedResults.Ok(new PromotionWhatIf(from, to, result, result.ExtraCost, Math.Round(result.ExtraCost * redeemedShare, 2), redeemedShare, options.Value.Currency));
    }

    // Default: the promotion's own length, replayed over the most recent such period. None when that is longer than a
    // simulation may be: a promotion of years (or "until 9999") has no such period to replay.
    private static (DateTimeOffset From, DateTimeOffset To)? Period(PromotionScenario scenario, EarnRule promotion, DateTimeOffset now)
    {
        // In UTC whatever offset the caller wrote: PostgreSQL's timestamptz parameters take only UTC, and it is the same instant.
        var to = (scenario.To ?? now).ToUniversalTime();
        if (scenario.From is { } from)
        {
            return (from.ToUniversalTime(), to);
        }

        var length = promotion.EffectiveTo is { } end ? end - promotion.EffectiveFrom : TimeSpan.FromDays(30);
        return length <= MaxSimulatedPeriod ? (to - length, to) : null;
    }
}
