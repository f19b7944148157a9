using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Crm.Data;
using Npgsql;

namespace Crm.Customers.Imports;

/// <summary>
/// Runs one job's batches through two stages: the file is parsed and checked on one thread while the previous batch
/// is written on another (on two cores that overlaps the service's CPU work with the database's). Each batch is one
/// database transaction: rows, events, row errors and the job's counters commit together.
/// </summary>
internal sealed partial class ImportRunner(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ImportRunner> logger)
{
    private const int MaxAttempts = 3;

    public delegate Task<BatchOutcome> BatchWriter<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch<T> batch, DateTimeOffset now, CancellationToken cancellationToken);

    public async Task RunAsync<T>(
        ImportContext context, Func<CancellationToken, IEnumerable<ImportBatch<T>>> read, BatchWriter<T> write, CancellationToken cancellationToken)
    {
        // Two batches parsed ahead at most: memory stays a few batches whatever the file's size.
        var batches = Channel.CreateBounded<ImportBatch<T>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? readFailure = null;
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in read(stop.Token))
                {
                    await batches.Writer.WriteAsync(batch, stop.Token);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                readFailure = ExceptionDispatchInfo.Capture(exception);
            }
            catch (OperationCanceledException)
            {
                // The writer stopped first and says why.
            }
            finally
            {
                batches.Writer.TryComplete();
            }
        }, CancellationToken.None);

        long errorSeq = 0;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                errorSeq += await WriteAsync(context, batch, write, errorSeq, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reader;
        }

        readFailure?.Throw();
    }

    /// <summary>Writes one batch; a unique violation (a concurrent writer stored the same ids) retries it from the start.</summary>
    private async Task<long> WriteAsync<T>(ImportContext context, ImportBatch<T> batch, BatchWriter<T> write, long errorSeq, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var outcome = await write(connection, transaction, batch, clock.GetStoredUtcNow(), cancellationToken);
                var errors = outcome.Errors.Count == 0 ? batch.Errors : [.. batch.Errors, .. outcome.Errors];
                var progress = new ImportProgress(batch.RowsRead, outcome.Stored, outcome.Skipped, batch.RowsRejected + outcome.Rejected);
                await ImportJobStore.RecordBatchAsync(connection, transaction, context.JobId, progress, errors, errorSeq, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return errors.Count;
            }
            catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MaxAttempts)
            {
                LogBatchRetried(context.JobId, attempt, conflict.ConstraintName);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Import {JobId}: a batch met rows stored concurrently ({Constraint}); retrying (attempt {Attempt}).")]
    private partial void LogBatchRetried(Guid jobId, int attempt, string? constraint);
}
