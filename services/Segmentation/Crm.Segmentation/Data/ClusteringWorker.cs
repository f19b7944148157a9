using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Data;

/// <summary>
/// Runs the clusterings accepted by this host one at a time, on their own queue so that a long clustering does not hold
/// up the evaluation of newly saved segments.
/// </summary>
internal sealed partial class ClusteringWorker(
    [FromKeyedServices(ClusteringWorker.QueueKey)] JobQueue queue,
    ClusteringStore store,
    ClusteringRunner runner,
    TimeProvider clock,
    ILogger<ClusteringWorker> logger) : JobWorker(queue)
{
    /// <summary>The service key of the clusterings' <see cref="JobQueue"/>.</summary>
    public const string QueueKey = "clusterings";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InterruptLeftoversAsync(clock.GetUtcNow(), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task RunJobAsync(Guid jobId, CancellationToken stoppingToken)
    {
        if (!await store.StartAsync(jobId, stoppingToken) || await store.FindAsync(jobId, stoppingToken) is not { } job)
        {
            return;
        }

        try
        {
            await runner.RunAsync(job, stoppingToken);
            LogFinished(jobId);
        }
        catch (ClusteringException problem)
        {
            await store.FailedAsync(jobId, problem.Message, CancellationToken.None);
            LogNotClustered(jobId, problem.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.FailedAsync(jobId, "interrupted by a stop of the service", CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogFailed(exception, jobId);
            await store.FailedAsync(jobId, $"The clustering stopped on an internal error (clustering {jobId}).", CancellationToken.None);
        }
    }

    [LoggerMessage(LogLevel.Information, "Clustering {ClusteringId} finished.")]
    private partial void LogFinished(Guid clusteringId);

    [LoggerMessage(LogLevel.Warning, "Clustering {ClusteringId} could not cluster the customers: {Reason}")]
    private partial void LogNotClustered(Guid clusteringId, string reason);

    [LoggerMessage(LogLevel.Error, "Clustering {ClusteringId} failed.")]
    private partial void LogFailed(Exception exception, Guid clusteringId);
}
