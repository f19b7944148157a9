using System.Text.Json;
using Crm.Data;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rules;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>Segments and their versions.</summary>
public sealed class SegmentStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns = """
        id, name, version, description, owner, advisor, strategy::text as Strategy, rule::text as Rule,
        created_at as CreatedAt, updated_at as UpdatedAt
        """;

    private const string InsertSql = """
        insert into segments (id, name, version, description, owner, advisor, strategy, rule, created_at, updated_at)
        values (@Id, @Name, 1, @Description, @Owner, @Advisor, @Strategy::jsonb, @Rule::jsonb, @Now, @Now)
        on conflict (name) do nothing;
        insert into segment_versions (segment_id, version, rule, strategy, saved_at)
        select @Id, 1, @Rule::jsonb, @Strategy::jsonb, @Now where exists (select from segments where id = @Id);
        """;

    private const string UpdateSql = """
        with updated as (
            update segments set name = @Name, version = version + 1, description = @Description, owner = @Owner, advisor = @Advisor,
                                strategy = @Strategy::jsonb, rule = @Rule::jsonb, updated_at = @Now
            where id = @Id returning id, version
        )
        insert into segment_versions (segment_id, version, rule, strategy, saved_at)
        select id, version, @Rule::jsonb, @Strategy::jsonb, @Now from updated
        """;

    private const string FindSql = $"select {Columns} from segments where id = @Id";

    private const string ListSql = $"select {Columns} from segments order by name";

    private const string NameTakenSql = "select exists (select from segments where name = @Name and id <> @Id)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The new segment, or null when the name is taken.</summary>
    public async Task<Segment?> CreateAsync(SegmentDefinition definition, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(id, definition), cancellationToken: cancellationToken));
        return await FindAsync(id, cancellationToken);
    }

    /// <summary>The segment's next version; <see cref="SaveOutcome.NotFound"/> or <see cref="SaveOutcome.NameTaken"/> otherwise.</summary>
    public async Task<(SaveOutcome Outcome, Segment? Segment)> UpdateAsync(Guid id, SegmentDefinition definition, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(NameTakenSql, new { Id = id, definition.Name }, cancellationToken: cancellationToken)))
        {
            return (SaveOutcome.NameTaken, null);
        }

        var updated = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, Parameters(id, definition), cancellationToken: cancellationToken));
        return updated == 0 ? (SaveOutcome.NotFound, null) : (SaveOutcome.Saved, await FindAsync(id, cancellationToken));
    }

    public async Task<Segment?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SegmentRow>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToSegment();
    }

    public async Task<IReadOnlyList<Segment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SegmentRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToSegment())];
    }

    private object Parameters(Guid id, SegmentDefinition definition) => new
    {
        Id = id,
        definition.Name,
        definition.Description,
        definition.Owner,
        definition.Advisor,
        Strategy = JsonSerializer.Serialize(definition.Strategy, Json),
        Rule = definition.Rule!.Value.GetRawText(),
        Now = clock.GetStoredUtcNow(),
    };

    private sealed class SegmentRow
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";

        public int Version { get; set; }

        public string? Description { get; set; }

        public string Owner { get; set; } = "";

        public string Advisor { get; set; } = "";

        public string Strategy { get; set; } = "{}";

        public string Rule { get; set; } = "{}";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public Segment ToSegment()
        {
            var rule = JsonDocument.Parse(Rule).RootElement.Clone();
            // Stored rules were valid when saved; their fields are listed as the parser reads them.
            var fields = SegmentRuleParser.Parse(rule).Rule?.Fields.Order(StringComparer.Ordinal).ToList() ?? [];
            return new Segment(Id, Name, Version, Description, Owner, Advisor,
                JsonSerializer.Deserialize<ManagementStrategy>(Strategy, Json)!, rule, fields, CreatedAt, UpdatedAt);
        }
    }
}
