using System.Text.Json;
using Crm.Data;
using Crm.Profitability.Model;
using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>Scoring runs (jobs) and their progress.</summary>
public sealed class ScoringRunStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns = """
        id, status, trigger, calibration_end as CalibrationEnd, time_unit as TimeUnit, horizon_months as HorizonMonths,
        monthly_discount_rate::double precision as MonthlyDiscountRate, currency, customers_total as CustomersTotal,
        customers_scored as CustomersScored, customers_changed as CustomersChanged, model::text as Model, error,
        created_at as CreatedAt, started_at as StartedAt, finished_at as FinishedAt
        """;

    private const string InsertSql = """
        insert into scoring_runs (id, status, trigger, calibration_end, time_unit, horizon_months, monthly_discount_rate, currency, created_at)
        values (@Id, 'queued', @Trigger, @CalibrationEnd, @TimeUnit, @HorizonMonths, @MonthlyDiscountRate, @Currency, @CreatedAt)
        """;

    private const string FindSql = $"select {Columns} from scoring_runs where id = @Id";

    private const string RecentSql = $"select {Columns} from scoring_runs order by created_at desc, id limit @Limit";

    private const string LatestScheduledSql = "select max(created_at) from scoring_runs where trigger = 'schedule'";

    private const string StartSql = "update scoring_runs set status = 'running', started_at = @Now where id = @Id and status = 'queued'";

    private const string FittedSql = "update scoring_runs set model = @Model::jsonb, customers_total = @Total where id = @Id";

    private const string ProgressSql = """
        update scoring_runs set customers_scored = customers_scored + @Scored, customers_changed = customers_changed + @Changed where id = @Id
        """;

    private const string FinishSql = "update scoring_runs set status = @Status, error = @Error, finished_at = @Now where id = @Id";

    // A run cannot outlive the process that ran it; at start-up an unfinished run is failed rather than left "running".
    private const string InterruptSql = """
        update scoring_runs set status = 'failed', error = 'interrupted by a restart of the service', finished_at = @Now
        where status in ('queued', 'running') and created_at < @StartedAt
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ScoringRun> CreateAsync(ScoringRunSettings settings, string trigger, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            Trigger = trigger,
            CalibrationEnd = settings.CalibrationEnd.ToDateTime(TimeOnly.MinValue),
            settings.TimeUnit,
            settings.HorizonMonths,
            MonthlyDiscountRate = (decimal)settings.MonthlyDiscountRate,
            settings.Currency,
            CreatedAt = clock.GetStoredUtcNow(),
        }, cancellationToken: cancellationToken));
        return (await FindAsync(id, cancellationToken))!;
    }

    public async Task<ScoringRun?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToRun();
    }

    public async Task<IReadOnlyList<ScoringRun>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(RecentSql, new { Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToRun())];
    }

    public async Task<DateTimeOffset?> LatestScheduledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(LatestScheduledSql, cancellationToken: cancellationToken));
    }

    /// <summary>Marks a queued run running; false when it was not queued (already run, or interrupted).</summary>
    public async Task<bool> StartAsync(Guid id, CancellationToken cancellationToken) =>
        await ExecuteAsync(StartSql, new { Id = id, Now = clock.GetStoredUtcNow() }, cancellationToken) == 1;

    public Task FittedAsync(Guid id, LifetimeValueModel model, int customers, CancellationToken cancellationToken) =>
        ExecuteAsync(FittedSql, new { Id = id, Model = JsonSerializer.Serialize(model, Json), Total = customers }, cancellationToken);

    public Task ProgressAsync(Guid id, int scored, int changed, CancellationToken cancellationToken) =>
        ExecuteAsync(ProgressSql, new { Id = id, Scored = scored, Changed = changed }, cancellationToken);

    public Task FinishAsync(Guid id, string status, string? error, CancellationToken cancellationToken) =>
        ExecuteAsync(FinishSql, new { Id = id, Status = status, Error = error, Now = clock.GetStoredUtcNow() }, cancellationToken);

    public Task InterruptLeftoversAsync(DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        ExecuteAsync(InterruptSql, new { StartedAt = startedAt, Now = clock.GetStoredUtcNow() }, cancellationToken);

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private sealed class RunRow
    {
        public Guid Id { get; set; }

        public string Status { get; set; } = "";

        public string Trigger { get; set; } = "";

        public DateTime CalibrationEnd { get; set; }

        public string TimeUnit { get; set; } = "";

        public int HorizonMonths { get; set; }

        public double MonthlyDiscountRate { get; set; }

        public string Currency { get; set; } = "";

        public int CustomersTotal { get; set; }

        public int CustomersScored { get; set; }

        public int CustomersChanged { get; set; }

        public string? Model { get; set; }

        public string? Error { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public ScoringRun ToRun() => new(
            Id, Status, Trigger, DateOnly.FromDateTime(CalibrationEnd), TimeUnit, HorizonMonths, MonthlyDiscountRate, Currency,
            CustomersTotal, CustomersScored, CustomersChanged,
            Model is null ? null : JsonSerializer.Deserialize<LifetimeValueModel>(Model, Json),
            Error, CreatedAt, StartedAt, FinishedAt);
    }
}
