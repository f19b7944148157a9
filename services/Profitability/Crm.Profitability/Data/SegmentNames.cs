using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>Each segment's newest known name: the name of the highest version seen, whatever order they arrive in.</summary>
public sealed class SegmentNames
{
    // Rows go in segment order, so two transactions naming the same segments lock them in the same order.
    private const string KeepNewestSql = """
        insert into segment_names (segment_id, name, version)
        select * from unnest(@SegmentIds, @Names, @Versions) as n(segment_id, name, version)
        order by segment_id
        on conflict (segment_id) do update
            set name = excluded.name, version = excluded.version
            where segment_names.version < excluded.version
        """;

    public Task KeepNewestAsync(
        NpgsqlTransaction transaction, IEnumerable<(Guid SegmentId, string Name, int Version)> names, CancellationToken cancellationToken)
    {
        // One statement may touch a row only once, so each segment's highest version stands for the others.
        var newest = names.GroupBy(name => name.SegmentId).Select(group => group.MaxBy(name => name.Version)).ToArray();
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(KeepNewestSql, new
        {
            SegmentIds = newest.Select(name => name.SegmentId).ToArray(),
            Names = newest.Select(name => name.Name).ToArray(),
            Versions = newest.Select(name => name.Version).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }
}
