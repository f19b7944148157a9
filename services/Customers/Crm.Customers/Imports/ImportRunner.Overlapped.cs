using Crm.Data;
using Npgsql;

namespace Crm.Customers.Imports;

internal sealed partial class ImportRunner
{
    /// <summary>
    /// Batches whose rows are written at once. Two: while one batch's rows are copied and committed, the next is decided.
    /// </summary>
    private const int BatchesInFlight = 2;

    /// <summary>
    /// Decides a batch inside its open transaction: the rows committed so far are visible to its look-ups, and
    /// <paramref name="previous"/> (the batch before, still in flight, or null) says what that batch decided.
    /// </summary>
    public delegate Task<TStaged> BatchStager<T, TStaged>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch<T> batch, TStaged? previous, DateTimeOffset now,
        CancellationToken cancellationToken)
        where TStaged : class, IStagedBatch;

    /// <summary>
    /// Writes a batch's rows while the next batch is decided, so the service's work and the database's overlap instead
    /// of taking turns. Events and commits keep file order: a batch enqueues its events and commits only after the
    /// batch before it has committed. If a batch fails, it and the batches after it roll back and are written again
    /// one at a time, each decided against what is then committed.
    /// </summary>
    public async Task RunOverlappedAsync<T, TStaged>(
        ImportContext context, Func<CancellationToken, IEnumerable<ImportBatch<T>>> read, BatchStager<T, TStaged> stage,
        CancellationToken cancellationToken)
        where TStaged : class, IStagedBatch
    {
        // One batch parsed ahead: with two more in flight, memory holds as many batches as the one-at-a-time path.
        await using var batches = new BatchReadAhead<T>(read, ahead: 1, cancellationToken);
        var inFlight = new List<BatchInFlight<T, TStaged>>(BatchesInFlight);
        long errorSeq = 0;
        try
        {
            await foreach (var batch in batches.ReadAllAsync(cancellationToken))
            {
                if (inFlight.Count == BatchesInFlight)
                {
                    // The oldest batch must have committed before this one is decided: its look-ups then see those rows.
                    if (await inFlight[0].CommittedAsync())
                    {
                        inFlight.RemoveAt(0);
                    }
                    else
                    {
                        errorSeq = await RewriteAsync(context, inFlight, null, errorSeq, stage, cancellationToken);
                    }
                }

                if (await TryStartAsync(context, batch, inFlight.LastOrDefault(), errorSeq, stage, cancellationToken) is { } started)
                {
                    errorSeq += started.ErrorCount;
                    inFlight.Add(started);
                }
                else
                {
                    errorSeq = await RewriteAsync(context, inFlight, batch, errorSeq, stage, cancellationToken);
                }
            }

            if (inFlight.Count > 0 && !await inFlight[^1].CommittedAsync())
            {
                await RewriteAsync(context, inFlight, null, errorSeq, stage, cancellationToken);
            }
        }
        finally
        {
            // Stopped early (cancelled): nothing of this job may still be writing once the job is marked ended.
            foreach (var batch in inFlight)
            {
                await batch.CommittedAsync();
            }
        }
    }

    /// <summary>Decides the batch and starts writing it; null if deciding failed (nothing of it is written then).</summary>
    private async Task<BatchInFlight<T, TStaged>?> TryStartAsync<T, TStaged>(
        ImportContext context, ImportBatch<T> batch, BatchInFlight<T, TStaged>? previous, long errorSeq, BatchStager<T, TStaged> stage,
        CancellationToken cancellationToken)
        where TStaged : class, IStagedBatch
    {
        NpgsqlConnection? connection = null;
        NpgsqlTransaction? transaction = null;
        BatchInFlight<T, TStaged>? started = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var staged = await stage(connection, transaction, batch, previous?.Staged, clock.GetStoredUtcNow(), cancellationToken);
            started = new BatchInFlight<T, TStaged>(batch, staged, errorSeq);
            started.Commit = CommitInOrderAsync(connection, transaction, context, started, previous?.Commit ?? Task.CompletedTask, cancellationToken);
            return started;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDecideFailed(exception, context.JobId);
            return null;
        }
        finally
        {
            // Once started, the batch's commit owns its connection.
            if (started is null)
            {
                await (transaction?.DisposeAsync() ?? ValueTask.CompletedTask);
                await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
            }
        }
    }

    private static async Task CommitInOrderAsync<T, TStaged>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportContext context, BatchInFlight<T, TStaged> batch, Task previousCommit,
        CancellationToken cancellationToken)
        where TStaged : class, IStagedBatch
    {
        await using (connection)
        await using (transaction)
        {
            await batch.Staged.StoreAsync(cancellationToken);

            // A failed batch before this one fails this one too: it was decided against rows that never committed.
            await previousCommit;
            await batch.Staged.EnqueueEventsAsync(cancellationToken);
            await RecordAsync(connection, transaction, context, batch.Batch, batch.Staged.Outcome, batch.FirstErrorSeq, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// After a failure: waits for every batch in flight to settle, then writes the ones that did not commit (and
    /// <paramref name="undecided"/>, if any) one at a time, as <see cref="RunAsync"/> does. Returns the next error seq.
    /// </summary>
    private async Task<long> RewriteAsync<T, TStaged>(
        ImportContext context, List<BatchInFlight<T, TStaged>> inFlight, ImportBatch<T>? undecided, long errorSeq, BatchStager<T, TStaged> stage,
        CancellationToken cancellationToken)
        where TStaged : class, IStagedBatch
    {
        var failed = new List<BatchInFlight<T, TStaged>>();
        foreach (var batch in inFlight)
        {
            if (!await batch.CommittedAsync())
            {
                failed.Add(batch);
            }
        }

        inFlight.Clear();
        if (failed.Count > 0)
        {
            LogRewriting(failed[0].Failure, context.JobId, failed.Count);
            errorSeq = failed[0].FirstErrorSeq;
        }

        var write = OneAtATime(stage);
        foreach (var batch in failed.Select(f => f.Batch).Append(undecided).OfType<ImportBatch<T>>())
        {
            errorSeq += await WriteAsync(context, batch, write, errorSeq, cancellationToken);
        }

        return errorSeq;
    }

    private static BatchWriter<T> OneAtATime<T, TStaged>(BatchStager<T, TStaged> stage)
        where TStaged : class, IStagedBatch =>
        async (connection, transaction, batch, now, cancellationToken) =>
        {
            var staged = await stage(connection, transaction, batch, null, now, cancellationToken);
            await staged.StoreAsync(cancellationToken);
            await staged.EnqueueEventsAsync(cancellationToken);
            return staged.Outcome;
        };

    [LoggerMessage(LogLevel.Warning, "Import {JobId}: deciding a batch failed; the batches in flight are written again one at a time.")]
    private partial void LogDecideFailed(Exception exception, Guid jobId);

    [LoggerMessage(LogLevel.Warning, "Import {JobId}: a batch failed to commit; it and the batches after it ({Count} in all) are written again one at a time.")]
    private partial void LogRewriting(Exception? exception, Guid jobId, int count);
}
