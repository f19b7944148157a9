using Crm.Data;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>Full recompute jobs and their progress.</summary>
public sealed class RecomputeJobStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns = """
        id, status, trigger, phase, customers_total as CustomersTotal, customers_done as CustomersDone,
        segments_evaluated as SegmentsEvaluated, memberships_entered as MembershipsEntered, memberships_left as MembershipsLeft,
        error, requested_at as RequestedAt, started_at as StartedAt, measured_at as MeasuredAt, finished_at as FinishedAt
        """;

    // The unique index on active jobs turns a second request into a conflict; the active job is then answered instead.
    private const string RequestSql = $"""
        with inserted as (
            insert into recompute_jobs (id, status, trigger, requested_at) values (@Id, 'queued', @Trigger, @Now)
            on conflict do nothing
            returning {Columns}
        )
        select * from inserted
        union all
        select {Columns} from recompute_jobs where status in ('queued', 'running') and not exists (select from inserted)
        """;

    private const string FindSql = $"select {Columns} from recompute_jobs where id = @Id";

    // Ids are version 7 (time-ordered), so id order is request order.
    private const string LatestSql = $"select {Columns} from recompute_jobs where id < @Before order by id desc limit @Limit";

    private const string LatestRequestSql = "select max(requested_at) from recompute_jobs";

    private const string AnyActiveSql = "select exists (select from recompute_jobs where status in ('queued', 'running'))";

    // Run only under the recompute lock: whoever ran a "running" job no longer holds it, so that job died with them.
    private const string FailAbandonedSql = """
        update recompute_jobs set status = 'failed', finished_at = @Now,
            error = 'interrupted: the service instance running it stopped; pages already evaluated stay written'
        where status = 'running'
        """;

    private const string ClaimSql = $"""
        update recompute_jobs set status = 'running', phase = 'measuring', started_at = @Now where status = 'queued'
        returning {Columns}
        """;

    private const string MeasuredSql = """
        update recompute_jobs set phase = 'evaluating', measured_at = @Now, customers_total = @Customers, segments_evaluated = @Segments
        where id = @Id
        """;

    private const string ProgressSql = """
        update recompute_jobs set customers_done = customers_done + @Customers, memberships_entered = memberships_entered + @Entered,
            memberships_left = memberships_left + @Left
        where id = @Id
        """;

    private const string SucceededSql = """
        update recompute_jobs set status = 'succeeded', finished_at = @Now, customers_total = customers_done where id = @Id
        """;

    private const string FailedSql = "update recompute_jobs set status = 'failed', error = @Error, finished_at = @Now where id = @Id";

    /// <summary>A new queued job, or the one already queued or running (<c>Created</c> false).</summary>
    public async Task<(RecomputeJob Job, bool Created)> RequestAsync(string trigger, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Empty only when the active job finished between the conflict and the read: then this request goes in.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
                RequestSql, new { Id = id, Trigger = trigger, Now = clock.GetStoredUtcNow() }, cancellationToken: cancellationToken));
            if (row is not null)
            {
                return (row.ToJob(), row.Id == id);
            }
        }

        throw new InvalidOperationException("A recompute job could be neither queued nor found.");
    }

    public async Task<RecomputeJob?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <summary>Up to <paramref name="limit"/> jobs requested before <paramref name="before"/>, latest first.</summary>
    public async Task<IReadOnlyList<RecomputeJob>> LatestAsync(Guid? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            LatestSql, new { Before = before ?? Guid.AllBitsSet, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToJob())];
    }

    /// <summary>When the latest job was requested, by anyone; null before the first.</summary>
    public async Task<DateTimeOffset?> LatestRequestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(LatestRequestSql, cancellationToken: cancellationToken));
    }

    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyActiveSql, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Under the recompute lock: fails a job its runner abandoned, then marks the queued job running and returns it
    /// (null when none is queued).
    /// </summary>
    public async Task<RecomputeJob?> ClaimAsync(NpgsqlConnection lockHolder, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        await lockHolder.ExecuteAsync(new CommandDefinition(FailAbandonedSql, new { Now = now }, cancellationToken: cancellationToken));
        var row = await lockHolder.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(ClaimSql, new { Now = now }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    public async Task MeasuredAsync(Guid id, int customers, int segments, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            MeasuredSql, new { Id = id, Customers = customers, Segments = segments, Now = clock.GetStoredUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Adds a page's counts inside the transaction that commits the page's membership changes.</summary>
    public Task ProgressAsync(NpgsqlTransaction transaction, Guid id, int customers, int entered, int left, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            ProgressSql, new { Id = id, Customers = customers, Entered = entered, Left = left }, transaction, cancellationToken: cancellationToken));

    public async Task SucceededAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SucceededSql, new { Id = id, Now = clock.GetStoredUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task FailedAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            FailedSql, new { Id = id, Error = error, Now = clock.GetStoredUtcNow() }, cancellationToken: cancellationToken));
    }

    private sealed class JobRow
    {
        public Guid Id { get; set; }

        public string Status { get; set; } = "";

        public string Trigger { get; set; } = "";

        public string? Phase { get; set; }

        public int CustomersTotal { get; set; }

        public int CustomersDone { get; set; }

        public int SegmentsEvaluated { get; set; }

        public long MembershipsEntered { get; set; }

        public long MembershipsLeft { get; set; }

        public string? Error { get; set; }

        public DateTimeOffset RequestedAt { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? MeasuredAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public RecomputeJob ToJob() => new(
            Id, Status, Trigger, Phase, CustomersTotal, CustomersDone, SegmentsEvaluated, MembershipsEntered, MembershipsLeft,
            Error, RequestedAt, StartedAt, MeasuredAt, FinishedAt);
    }
}
