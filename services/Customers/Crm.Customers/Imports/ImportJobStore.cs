using Crm.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Customers.Imports;

/// <summary>Import jobs and their row errors in the customers database.</summary>
public sealed class ImportJobStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string JobColumns = """
        id, kind, format, status, file_name as FileName, file_bytes as FileBytes, rows_read as RowsRead,
        rows_stored as RowsStored, rows_skipped as RowsSkipped, rows_rejected as RowsRejected, error,
        created_at as CreatedAt, started_at as StartedAt, finished_at as FinishedAt
        """;

    private const string InsertSql = """
        insert into import_jobs (id, kind, format, status, file_name, file_bytes, file_sha256, host, created_at)
        values (@Id, @Kind, @Format, 'queued', @FileName, @FileBytes, @Sha256, @Host, @CreatedAt)
        """;

    private const string SelectSql = $"select {JobColumns} from import_jobs where id = @Id";

    private const string StartSql = """
        update import_jobs set status = 'running', started_at = @Now where id = @Id and status = 'queued'
        """;

    private const string FinishSql = """
        update import_jobs set status = @Status, error = @Error, finished_at = @Now where id = @Id
        """;

    private const string ProgressSql = """
        update import_jobs
        set rows_read = rows_read + @Read, rows_stored = rows_stored + @Stored,
            rows_skipped = rows_skipped + @Skipped, rows_rejected = rows_rejected + @Rejected
        where id = @Id
        """;

    private const string InterruptSql = """
        update import_jobs set status = 'failed', error = 'interrupted', finished_at = @Now
        where host = @Host and status in ('queued', 'running')
        returning id
        """;

    private const string ErrorsSql = """
        select line, seq, field, message from import_errors
        where job_id = @Id and (line, seq) > (@AfterLine, @AfterSeq)
        order by line, seq
        limit @Limit
        """;

    private const string CopyErrorsSql = "copy import_errors (job_id, line, seq, field, message) from stdin (format binary)";

    public static string Host => Environment.MachineName;

    public async Task<ImportJob> CreateAsync(Guid id, string kind, string format, string? fileName, SpooledFile file, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            Kind = kind,
            Format = format,
            FileName = fileName,
            FileBytes = file.Bytes,
            file.Sha256,
            Host,
            CreatedAt = clock.GetStoredUtcNow(),
        }, cancellationToken: cancellationToken));
        return (await FindAsync(connection, id, cancellationToken))!;
    }

    public async Task<ImportJob?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, id, cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> errors after <paramref name="after"/>, in line order. The next page's cursor
    /// names the last error returned, so a line whose errors span two pages loses none of them.
    /// </summary>
    internal async Task<ImportErrorsPage> ErrorsAsync(Guid id, ImportErrorCursor after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<StoredError>(new CommandDefinition(
            ErrorsSql, new { Id = id, AfterLine = after.Line, AfterSeq = after.Seq, Limit = limit + 1 }, cancellationToken: cancellationToken))).AsList();
        var items = rows.Take(limit).Select(row => new ImportRowError(row.Line, row.Field, row.Message)).ToList();
        if (rows.Count <= limit)
        {
            return new ImportErrorsPage(items, null);
        }

        // A page that ends with a line's last error says so with the bare line, the cursor clients have always sent.
        var last = rows[limit - 1];
        var next = rows[limit].Line > last.Line ? ImportErrorCursor.AfterLine(last.Line) : new ImportErrorCursor(last.Line, last.Seq);
        return new ImportErrorsPage(items, next.ToString());
    }

    public async Task<bool> StartAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            StartSql, new { Id = id, Now = clock.GetStoredUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task FinishAsync(Guid id, string status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            FinishSql, new { Id = id, Status = status, Error = error, Now = clock.GetStoredUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Fails the jobs this host had queued or running when it stopped: their spool files are not to be trusted.</summary>
    public async Task<IReadOnlyList<Guid>> InterruptLeftoversAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            InterruptSql, new { Host, Now = clock.GetStoredUtcNow() }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Adds a batch's counters and row errors in the batch's own transaction.</summary>
    public static async Task RecordBatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid jobId, ImportProgress progress,
        IReadOnlyList<ImportRowError> errors, long firstErrorSeq, CancellationToken cancellationToken)
    {
        if (errors.Count > 0)
        {
            await using var importer = await connection.BeginBinaryImportAsync(CopyErrorsSql, cancellationToken);
            var seq = firstErrorSeq;
            foreach (var error in errors)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(jobId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(error.Line, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(seq++, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(error.Field, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(error.Message, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(ProgressSql, new
        {
            Id = jobId,
            progress.Read,
            progress.Stored,
            progress.Skipped,
            progress.Rejected,
        }, transaction, cancellationToken: cancellationToken));
    }

    private static Task<ImportJob?> FindAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<ImportJob>(new CommandDefinition(SelectSql, new { Id = id }, cancellationToken: cancellationToken));

    private sealed record StoredError(long Line, long Seq, string? Field, string Message);
}
