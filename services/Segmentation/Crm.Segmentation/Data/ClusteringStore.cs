using System.Text.Json;
using Crm.Data;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>ClusteringJob jobs, their progress and their results.</summary>
public sealed class ClusteringStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns = """
        id, status, phase, features, k_min as KMin, k_max as KMax, seed, k_fitted as KFitted, customers::text as Customers,
        chosen_k as ChosenK, scores::text as Scores, standardisation::text as Standardisation, clusters::text as Clusters, error,
        created_at as CreatedAt, started_at as StartedAt, finished_at as FinishedAt
        """;

    private const string InsertSql = """
        insert into clusterings (id, status, phase, features, k_min, k_max, seed, created_at)
        values (@Id, 'queued', 'queued', @Features, @KMin, @KMax, @Seed, @Now)
        """;

    private const string FindSql = $"select {Columns} from clusterings where id = @Id";

    // Ids are version 7 UUIDs, which order by creation time: newest first is descending id.
    private const string PageSql = $"select {Columns} from clusterings where id < @After order by id desc limit @Limit";

    private const string StartSql = """
        update clusterings set status = 'running', phase = 'reading customer facts', started_at = @Now where id = @Id and status = 'queued'
        """;

    private const string ReadSql = "update clusterings set customers = @Customers::json, phase = @Phase where id = @Id";

    private const string ScoredSql = "update clusterings set scores = @Scores::json, k_fitted = @KFitted, phase = @Phase where id = @Id";

    private const string SucceededSql = """
        update clusterings set status = 'succeeded', phase = 'done', chosen_k = @ChosenK, standardisation = @Standardisation::json,
                               clusters = @Clusters::json, finished_at = @Now
        where id = @Id
        """;

    private const string FailedSql = "update clusterings set status = 'failed', error = @Error, finished_at = @Now where id = @Id";

    // A job cannot outlive the process running it; at start-up one left unfinished is failed rather than left "running".
    private const string InterruptSql = """
        update clusterings set status = 'failed', error = 'interrupted by a restart of the service', finished_at = @Now
        where status in ('queued', 'running') and created_at < @StartedAt
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ClusteringJob> CreateAsync(ClusteringSettings settings, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(InsertSql, new
        {
            Id = id,
            Features = settings.Features.Select(feature => feature.Name).ToArray(),
            settings.KMin,
            settings.KMax,
            settings.Seed,
            Now = clock.GetStoredUtcNow(),
        }, cancellationToken);
        return (await FindAsync(id, cancellationToken))!;
    }

    public async Task<ClusteringJob?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ClusteringRow>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <summary>Up to <paramref name="limit"/> clusterings older than <paramref name="before"/> (or the newest), newest first.</summary>
    public async Task<IReadOnlyList<ClusteringJob>> PageAsync(Guid? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClusteringRow>(new CommandDefinition(
            PageSql, new { After = before ?? Guid.AllBitsSet, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToJob())];
    }

    /// <summary>Marks a queued job running; false when it was not queued (run already, or interrupted).</summary>
    public async Task<bool> StartAsync(Guid id, CancellationToken cancellationToken) =>
        await ExecuteAsync(StartSql, new { Id = id, Now = clock.GetStoredUtcNow() }, cancellationToken) == 1;

    public Task ReadAsync(Guid id, ClusteringCustomers customers, string phase, CancellationToken cancellationToken) =>
        ExecuteAsync(ReadSql, new { Id = id, Customers = JsonSerializer.Serialize(customers, Json), Phase = phase }, cancellationToken);

    public Task ScoredAsync(Guid id, IReadOnlyList<ClusteringScore> scores, string phase, CancellationToken cancellationToken) =>
        ExecuteAsync(ScoredSql, new { Id = id, Scores = JsonSerializer.Serialize(scores, Json), KFitted = scores.Count, Phase = phase }, cancellationToken);

    public Task SucceededAsync(
        Guid id, int chosenK, ClusteringStandardisation standardisation, IReadOnlyList<ClusterProfile> clusters, CancellationToken cancellationToken) =>
        ExecuteAsync(SucceededSql, new
        {
            Id = id,
            ChosenK = chosenK,
            Standardisation = JsonSerializer.Serialize(standardisation, Json),
            Clusters = JsonSerializer.Serialize(clusters, Json),
            Now = clock.GetStoredUtcNow(),
        }, cancellationToken);

    public Task FailedAsync(Guid id, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(FailedSql, new { Id = id, Error = error, Now = clock.GetStoredUtcNow() }, cancellationToken);

    public Task InterruptLeftoversAsync(DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        ExecuteAsync(InterruptSql, new { StartedAt = startedAt, Now = clock.GetStoredUtcNow() }, cancellationToken);

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private sealed class ClusteringRow
    {
        public Guid Id { get; set; }

        public string Status { get; set; } = "";

        public string Phase { get; set; } = "";

        public string[] Features { get; set; } = [];

        public int KMin { get; set; }

        public int KMax { get; set; }

        public int Seed { get; set; }

        public int KFitted { get; set; }

        public string? Customers { get; set; }

        public int? ChosenK { get; set; }

        public string Scores { get; set; } = "[]";

        public string? Standardisation { get; set; }

        public string? Clusters { get; set; }

        public string? Error { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        // Stored as json, not jsonb: the text is kept as written, so features stay in the order asked for and every
        // double reads back to the same bits, which saving a cluster as a segment relies on.
        public ClusteringJob ToJob() => new(
            Id, Status, Phase, Features, KMin, KMax, Seed, new ClusteringProgress(KFitted, KMax - KMin + 1),
            Read<ClusteringCustomers>(Customers), ChosenK, Read<List<ClusteringScore>>(Scores) ?? [],
            Read<ClusteringStandardisation>(Standardisation), Read<List<ClusterProfile>>(Clusters) ?? [],
            Error, CreatedAt, StartedAt, FinishedAt);

        private static T? Read<T>(string? json)
            where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Json);
    }
}
