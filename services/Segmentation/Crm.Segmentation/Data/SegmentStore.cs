using System.Text.Json;
using Crm.Contracts.Segmentation;
using Crm.Data;
using Crm.Messaging.Outbox;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rules;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>Segments and their versions. Every saved version is announced (SegmentRevised) in the transaction that saves it.</summary>
public sealed class SegmentStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    private const string Columns = """
        id, name, version, description, owner, advisor, strategy::text as Strategy, rule::text as Rule,
        created_at as CreatedAt, updated_at as UpdatedAt
        """;

    // One statement each: the response is the row this request wrote (not another save's), read back on the
    // connection that wrote it, and the new version is in segment_versions with it or not at all. The previous name is
    // read under the row's lock, so two revisions saved at once each announce the name the other left.
    private const string InsertSql = $"""
        with created as (
            insert into segments (id, name, version, description, owner, advisor, strategy, rule, created_at, updated_at)
            values (@Id, @Name, 1, @Description, @Owner, @Advisor, @Strategy::jsonb, @Rule::jsonb, @Now, @Now)
            on conflict (name) do nothing
            returning {Columns}
        ),
        versioned as (
            insert into segment_versions (segment_id, version, rule, strategy, saved_at)
            select id, version, @Rule::jsonb, @Strategy::jsonb, @Now from created
        )
        select *, null as PreviousName from created
        """;

    private const string UpdateSql = $"""
        with updated as (
            update segments set name = @Name, version = version + 1, description = @Description, owner = @Owner, advisor = @Advisor,
                                strategy = @Strategy::jsonb, rule = @Rule::jsonb, updated_at = @Now
            where id = @Id
            returning {Columns}
        ),
        versioned as (
            insert into segment_versions (segment_id, version, rule, strategy, saved_at)
            select id, version, @Rule::jsonb, @Strategy::jsonb, @Now from updated
        )
        select *, @PreviousName as PreviousName from updated
        """;

    private const string CurrentSql = "select name, version from segments where id = @Id for update";

    private const string FindSql = $"select {Columns} from segments where id = @Id";

    private const string ListSql = $"select {Columns} from segments order by name";

    private const string NameIndex = "segments_name_key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The new segment, or null when the name is taken.</summary>
    public async Task<Segment?> CreateAsync(SegmentDefinition definition, CancellationToken cancellationToken)
    {
        // No row back: the name was taken (on conflict do nothing).
        var (outcome, segment) = await SaveAsync(InsertSql, Guid.CreateVersion7(), definition, null, SaveOutcome.NameTaken, cancellationToken);
        return outcome == SaveOutcome.Saved ? segment : null;
    }

    /// <summary>
    /// The segment's next version; <see cref="SaveOutcome.NotFound"/>, <see cref="SaveOutcome.NameTaken"/> or, when
    /// <paramref name="ifMatch"/> (an If-Match header, if sent) names no longer the current version, <see cref="SaveOutcome.Stale"/>.
    /// </summary>
    public Task<(SaveOutcome Outcome, Segment? Segment)> UpdateAsync(Guid id, SegmentDefinition definition, string? ifMatch, CancellationToken cancellationToken) =>
        SaveAsync(UpdateSql, id, definition, ifMatch, SaveOutcome.NotFound, cancellationToken);

    private async Task<(SaveOutcome Outcome, Segment? Segment)> SaveAsync(
        string sql, Guid id, SegmentDefinition definition, string? ifMatch, SaveOutcome withoutRow, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // Read under the row's lock: the version If-Match is checked against is the one this save replaces.
            var current = await connection.QuerySingleOrDefaultAsync<(string Name, int Version)?>(new CommandDefinition(
                CurrentSql, new { Id = id }, transaction, cancellationToken: cancellationToken));
            if (ifMatch is not null && current is { } held && !IfMatch.Holds(ifMatch, Segment.ETagOf(held.Version)))
            {
                return (SaveOutcome.Stale, null);
            }

            var row = await connection.QuerySingleOrDefaultAsync<SegmentRow>(new CommandDefinition(
                sql, Parameters(id, definition, current?.Name), transaction, cancellationToken: cancellationToken));
            if (row is null)
            {
                return (withoutRow, null);
            }

            // Loyalty and profitability refer to segments by name: a renamed segment must reach them even if no
            // customer enters or leaves it.
            await outbox.EnqueueAsync(transaction,
                [new SegmentRevised(Guid.CreateVersion7(), row.UpdatedAt, row.Id, row.Name, row.Version, row.PreviousName)], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (SaveOutcome.Saved, row.ToSegment());
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NameIndex })
        {
            // Another segment has the name: checked by the unique index, so two saves racing for one name cannot both win.
            return (SaveOutcome.NameTaken, null);
        }
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

    private object Parameters(Guid id, SegmentDefinition definition, string? previousName) => new
    {
        Id = id,
        PreviousName = previousName,
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

        public string? PreviousName { get; set; }

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
