using Crm.Segmentation.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Segmentation.Apis;

/// <summary>
/// The full recompute as a job: measure the population's cut points, then evaluate every segment over every customer,
/// with progress. One runs at a time; asking while one is queued or running answers that one.
/// </summary>
public static class RecomputesApi
{
    public const int MaxPage = 100;

    public static IEndpointRouteBuilder MapRecomputesApi(this IEndpointRouteBuilder app)
    {
        var recomputes = app.MapGroup("/api/segments/recomputes").WithTags("Recomputes");

        recomputes.MapPost("/", RequestRecompute)
            .WithName(nameof(RequestRecompute))
            .WithSummary("Recompute RFM quintiles, value deciles and every segment's membership over every customer (202 + a job to follow; 200 with the job already queued or running)");

        recomputes.MapGet("/", ListRecomputes)
            .WithName(nameof(ListRecomputes))
            .WithSummary("Recompute jobs, latest first (items, next)");

        recomputes.MapGet("/{jobId:guid}", GetRecompute)
            .WithName(nameof(GetRecompute))
            .WithSummary("A recompute job's status, phase, progress and counts");

        return app;
    }

    public static async Task<Results<Accepted<RecomputeJob>, Ok<RecomputeJob>>> RequestRecompute(
        RecomputeJobStore jobs, RecomputeJobSignal signal, CancellationToken cancellationToken)
    {
        var (job, created) = await jobs.RequestAsync("request", cancellationToken);
        // Woken either way: a job found "running" may have been abandoned by a replica that died, and is then failed.
        signal.Wake();
        return created ? TypedResults.Accepted($"/api/segments/recomputes/{job.Id}", job) : TypedResults.Ok(job);
    }

    public static async Task<Results<Ok<RecomputeJobPage>, ValidationProblem>> ListRecomputes(
        Guid? after, int? limit, RecomputeJobStore jobs, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPage}.");
        }

        var size = limit ?? 20;
        var items = await jobs.LatestAsync(after, size, cancellationToken);
        return TypedResults.Ok(new RecomputeJobPage(items, items.Count == size ? items[^1].Id.ToString() : null));
    }

    public static async Task<Results<Ok<RecomputeJob>, ProblemHttpResult>> GetRecompute(
        Guid jobId, RecomputeJobStore jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(jobId, cancellationToken) is { } job
            ? TypedResults.Ok(job)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Recompute job not found", detail: $"There is no recompute job {jobId}.");
}
