using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Profitability.Model.Lifetime;
using Crm.Profitability.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Crm.Profitability.Apis;

/// <summary>Predictive lifetime value: analyst fits of a posted summary, scoring runs over the stored sales, customers' values.</summary>
public static class LifetimeValueApi
{
    /// <summary>
    /// A summary of <see cref="SummaryFitRules.MaxCustomers"/> customers is about 20 MB of JSON: bodies up to 32 MiB are
    /// read, as the gateway lets them through (Kestrel's default would refuse above 30,000,000 bytes).
    /// </summary>
    public const long FitBodyLimit = 32 * 1024 * 1024;

    public const int MaxListedRuns = 100;

    public static IEndpointRouteBuilder MapLifetimeValueApi(this IEndpointRouteBuilder app)
    {
        var lifetime = app.MapGroup("/api/profitability").WithTags("Lifetime value");

        lifetime.MapPost("/lifetime-value/fits", FitSummary)
            .WithName(nameof(FitSummary))
            .WithMetadata(new RequestSizeLimitAttribute(FitBodyLimit))
            .WithSummary("Fit BG/NBD and Gamma-Gamma to a posted summary (id, frequency, recency, T, monetaryValue) and predict for each customer");

        lifetime.MapPost("/lifetime-value/runs", StartScoringRun)
            .WithName(nameof(StartScoringRun))
            .WithSummary("Refit the models on the stored sales and rescore every customer (202 + a run to follow)");

        lifetime.MapGet("/lifetime-value/runs", ListScoringRuns)
            .WithName(nameof(ListScoringRuns))
            .WithSummary("The latest scoring runs, newest first");

        lifetime.MapGet("/lifetime-value/runs/{runId:guid}", GetScoringRun)
            .WithName(nameof(GetScoringRun))
            .WithSummary("A scoring run's progress and fitted models");

        lifetime.MapGet("/customers/{customerId:guid}/value", GetCustomerValue)
            .WithName(nameof(GetCustomerValue))
            .WithSummary("A customer's latest lifetime value, P(alive), expected purchases, profit and churn risk");

        lifetime.MapGet("/customers/{customerId:guid}/value/outlook", GetCustomerOutlook)
            .WithName(nameof(GetCustomerOutlook))
            .WithSummary("A customer's expected purchases over a horizon in the latest run's time unit (horizon=39 with weeks: the next 39 weeks)");

        return app;
    }

    public static async Task<Results<Ok<SummaryFit>, ValidationProblem, ProblemHttpResult>> FitSummary(
        SummaryFitRequest request, IOptions<LifetimeValueOptions> options, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        SummaryFitRules.Validate(request, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        try
        {
            // CPU-bound for up to a second or two: off the request thread.
            return TypedResults.Ok(await Task.Run(() => SummaryFitter.Fit(request, options.Value), cancellationToken));
        }
        catch (ModelFitException problem)
        {
            return Problems.NotFittable(problem.Message);
        }
    }

    public static async Task<Results<Accepted<ScoringRun>, ValidationProblem>> StartScoringRun(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ScoringRequest? request,
        ScoringRunStore runs, JobQueue queue, IOptions<LifetimeValueOptions> options, IOptions<ProfitabilityOptions> profitability,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (ScoringRules.Settings(request, options.Value, profitability.Value.ReportingCurrency, today, errors) is not { } settings)
        {
            return Problems.Invalid(errors);
        }

        var run = await runs.CreateAsync(settings, "request", cancellationToken);
        queue.Enqueue(run.Id);
        return TypedResults.Accepted($"/api/profitability/lifetime-value/runs/{run.Id}", run);
    }

    public static async Task<Results<Ok<IReadOnlyList<ScoringRun>>, ValidationProblem>> ListScoringRuns(
        int? limit, ScoringRunStore runs, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListedRuns)
        {
            return Problems.Invalid("limit", $"must be between 1 and {MaxListedRuns}.");
        }

        return TypedResults.Ok(await runs.RecentAsync(limit ?? 20, cancellationToken));
    }

    public static async Task<Results<Ok<ScoringRun>, ProblemHttpResult>> GetScoringRun(Guid runId, ScoringRunStore runs, CancellationToken cancellationToken) =>
        await runs.FindAsync(runId, cancellationToken) is { } run ? TypedResults.Ok(run) : Problems.NotFound("Scoring run", runId);

    public static async Task<Results<Ok<CustomerValue>, ProblemHttpResult>> GetCustomerValue(
        Guid customerId, CustomerValueStore values, CancellationToken cancellationToken) =>
        await values.FindAsync(customerId, cancellationToken) is { } value ? TypedResults.Ok(value) : Problems.NotFound("Customer value", customerId);

    public static async Task<Results<Ok<CustomerOutlook>, ValidationProblem, ProblemHttpResult>> GetCustomerOutlook(
        Guid customerId, double? horizon, CustomerValueStore values, ScoringRunStore runs, CancellationToken cancellationToken)
    {
        if (horizon is not { } t || !double.IsFinite(t) || t <= 0 || t > 10_000)
        {
            return Problems.Invalid("horizon", "must be a positive number of the run's time units (at most 10000).");
        }

        if (await values.FindAsync(customerId, cancellationToken) is not { } value
            || await runs.FindAsync(value.RunId, cancellationToken) is not { Model: { } model } run)
        {
            return Problems.NotFound("Customer value", customerId);
        }

        var expected = BgNbdModel.ExpectedPurchases(model.PurchaseParameters(), value.Frequency, value.Recency, value.Age, t);
        return TypedResults.Ok(new CustomerOutlook(customerId, run.Id, run.TimeUnit, t, expected, value.ProbabilityAlive));
    }
}
