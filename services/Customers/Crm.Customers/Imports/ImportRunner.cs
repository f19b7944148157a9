using Crm.Data;
using Npgsql;

namespace Crm.Customers.Imports;

/// <summary>
/// Runs one job's batches: the file is parsed and checked on one thread while earlier batches are written on
/// another (on two cores that overlaps the service's CPU work with the database's). Each batch is one database
/// transaction: rows, events, row errors and the job's counters commit together.
/// </summary>
internal sealed partial class ImportRunner(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ImportRunner> logger)
{
    private const int MaxAttempts = 3;

    public delegate Task<BatchOutcome> BatchWriter<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch<T> batch, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Writes the batches one after another, each committed before the next begins.</summary>
    public async Task RunAsync<T>(
        ImportContext context, Func<CancellationToken, IEnumerable<ImportBatch<T>>> read, BatchWriter<T> write, CancellationToken cancellationToken)
    {
        await using var batches = new BatchReadAhead<T>(read, ahead: 2, cancellationToken);
        long errorSeq = 0;
        await foreach (var batch in batches.ReadAllAsync(cancellationToken))
        {
            errorSeq += await WriteAsync(context, batch, write, errorSeq, cancellationToken);
        }
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
                var errors = await RecordAsync(connection, transaction, context, batch, outcome, errorSeq, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return errors;
            }
            catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MaxAttempts)
            {
                LogBatchRetried(context.JobId, attempt, conflict.ConstraintName);
            }
        }
    }

    /// <summary>Adds the batch to the job's counters and error report, in the batch's transaction; returns its error count.</summary>
    private static async Task<long> RecordAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportContext context, ImportBatch<T> batch, BatchOutcome outcome,
        long errorSeq, CancellationToken cancellationToken)
    {
        var errors = outcome.Errors.Count == 0 ? batch.Errors : [.. batch.Errors, .. outcome.Errors];
        var progress = new ImportProgress(batch.RowsRead, outcome.Stored, outcome.Skipped, batch.RowsRejected + outcome.Rejected);
        await ImportJobStore.RecordBatchAsync(connection, transaction, context.JobId, progress, errors, errorSeq, cancellationToken);
        return errors.Count;
    }

    [LoggerMessage(LogLevel.Information, "Import {JobId}: a batch met rows stored concurrently ({Constraint}); retrying (attempt {Attempt}).")]
    private partial void LogBatchRetried(Guid jobId, int attempt, string? constraint);
}
