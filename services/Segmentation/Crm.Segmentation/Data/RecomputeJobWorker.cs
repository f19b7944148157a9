using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Runs full recompute jobs. The jobs table is the queue, so a job queued by any replica is run by whichever takes the
/// recompute lock first (one at a time across replicas: two would announce the same moves twice); each replica looks
/// when woken by a request and every <see cref="RecomputeJobOptions.CheckEvery"/>.
/// </summary>
internal sealed partial class RecomputeJobWorker(
    RecomputeJobStore jobs,
    FullRecompute recompute,
    RecomputeJobSignal signal,
    NpgsqlDataSource dataSource,
    IOptions<RecomputeJobOptions> options,
    ILogger<RecomputeJobWorker> logger) : BackgroundService
{
    private const string TryLockSql = "select pg_try_advisory_lock(hashtext('crm.segmentation.recompute'))";

    private const string UnlockSql = "select pg_advisory_unlock(hashtext('crm.segmentation.recompute'))";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await RunWaitingJobAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The database unreachable, say: the job waits for the next look.
                    LogLookFailed(exception);
                }

                await signal.WaitAsync(options.Value.CheckEvery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunWaitingJobAsync(CancellationToken stoppingToken)
    {
        if (!await jobs.AnyActiveAsync(stoppingToken))
        {
            return;
        }

        // The lock lives as long as this connection: a crash releases it.
        await using var lockHolder = await dataSource.OpenConnectionAsync(stoppingToken);
        await using (var command = new NpgsqlCommand(TryLockSql, lockHolder))
        {
            if (await command.ExecuteScalarAsync(stoppingToken) is not true)
            {
                return;
            }
        }

        try
        {
            if (await jobs.ClaimAsync(lockHolder, stoppingToken) is { } job)
            {
                await RunAsync(job, stoppingToken);
            }
        }
        finally
        {
            await using var command = new NpgsqlCommand(UnlockSql, lockHolder);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task RunAsync(RecomputeJob job, CancellationToken stoppingToken)
    {
        LogStarted(job.Id, job.Trigger);
        try
        {
            await recompute.RunAsync(job.Id, stoppingToken);
            await jobs.SucceededAsync(job.Id, CancellationToken.None);
            if (await jobs.FindAsync(job.Id, CancellationToken.None) is { } done)
            {
                LogSucceeded(job.Id, done.CustomersDone, done.SegmentsEvaluated, done.MembershipsEntered, done.MembershipsLeft,
                    ((done.FinishedAt ?? done.RequestedAt) - (done.StartedAt ?? done.RequestedAt)).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await jobs.FailedAsync(job.Id, "interrupted by a stop of the service; pages already evaluated stay written", CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogFailed(exception, job.Id);
            await jobs.FailedAsync(job.Id, $"The recompute stopped on an internal error (job {job.Id}); pages already evaluated stay written.", CancellationToken.None);
        }
    }

    [LoggerMessage(LogLevel.Information, "Full recompute {JobId} started ({Trigger}).")]
    private partial void LogStarted(Guid jobId, string trigger);

    [LoggerMessage(LogLevel.Information, "Full recompute {JobId}: {Customers} customers × {Segments} segments, {Entered} memberships entered and {Left} left, in {Milliseconds:F0} ms.")]
    private partial void LogSucceeded(Guid jobId, int customers, int segments, long entered, long left, double milliseconds);

    [LoggerMessage(LogLevel.Error, "Full recompute {JobId} failed.")]
    private partial void LogFailed(Exception exception, Guid jobId);

    [LoggerMessage(LogLevel.Warning, "Looking for a waiting full recompute failed; looking again at the next check.")]
    private partial void LogLookFailed(Exception exception);
}
