using System.Collections.Concurrent;
using System.Text.Json;
using Crm.Segmentation.Model.Rules;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>The current version of every segment with its rule compiled once per version.</summary>
public sealed class SegmentCatalog
{
    private const string CurrentSql = "select id, name, version, rule::text as Rule from segments";

    private readonly ConcurrentDictionary<(Guid, int), ParsedRule> _compiled = new();

    public async Task<IReadOnlyList<CompiledSegment>> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(Guid Id, string Name, int Version, string Rule)>(
            new CommandDefinition(CurrentSql, transaction: transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new CompiledSegment(row.Id, row.Name, row.Version, _compiled.GetOrAdd((row.Id, row.Version), _ => Compile(row.Rule))))];
    }

    public async Task<CompiledSegment?> FindAsync(NpgsqlConnection connection, Guid segmentId, CancellationToken cancellationToken) =>
        (await CurrentAsync(connection, null, cancellationToken)).FirstOrDefault(segment => segment.Id == segmentId);

    // Stored rules were validated when saved.
    private static ParsedRule Compile(string rule) =>
        SegmentRuleParser.Parse(JsonDocument.Parse(rule).RootElement.Clone()).Rule
        ?? throw new InvalidOperationException("A stored segment rule no longer parses.");
}
