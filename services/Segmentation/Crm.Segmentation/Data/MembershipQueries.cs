using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>A segment's members and its membership change log, a keyset page at a time.</summary>
public sealed class MembershipQueries(NpgsqlDataSource dataSource)
{
    private const string MembersSql = """
        select customer_id from segment_members where segment_id = @SegmentId and customer_id > @After
        order by customer_id limit @Limit
        """;

    private const string ChangesSql = """
        select id, customer_id as CustomerId, version, change, reason, changed_at as ChangedAt from membership_changes
        where segment_id = @SegmentId and id > @After order by id limit @Limit
        """;

    public async Task<IReadOnlyList<Guid>> MembersAsync(Guid segmentId, Guid after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition(
            MembersSql, new { SegmentId = segmentId, After = after, Limit = limit }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<MembershipLogEntry>> ChangesAsync(Guid segmentId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<MembershipLogEntry>(new CommandDefinition(
            ChangesSql, new { SegmentId = segmentId, After = after, Limit = limit }, cancellationToken: cancellationToken))];
    }
}
