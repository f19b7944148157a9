using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>A segment's members and its membership change log, a keyset page at a time; null for an unknown segment.</summary>
public sealed class MembershipQueries(NpgsqlDataSource dataSource)
{
    // Segments are never deleted, so a segment found here still exists when its page is read.
    private const string SegmentExistsSql = "select exists (select from segments where id = @SegmentId)";

    private const string MembersSql = """
        select customer_id from segment_members where segment_id = @SegmentId and customer_id > @After
        order by customer_id limit @Limit
        """;

    private const string ChangesSql = """
        select id, customer_id as CustomerId, version, change, reason, changed_at as ChangedAt from membership_changes
        where segment_id = @SegmentId and id > @After order by id limit @Limit
        """;

    public async Task<IReadOnlyList<Guid>?> MembersAsync(Guid segmentId, Guid after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ExistsAsync(connection, segmentId, cancellationToken))
        {
            return null;
        }

        return [.. await connection.QueryAsync<Guid>(new CommandDefinition(
            MembersSql, new { SegmentId = segmentId, After = after, Limit = limit }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<MembershipLogEntry>?> ChangesAsync(Guid segmentId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ExistsAsync(connection, segmentId, cancellationToken))
        {
            return null;
        }

        return [.. await connection.QueryAsync<MembershipLogEntry>(new CommandDefinition(
            ChangesSql, new { SegmentId = segmentId, After = after, Limit = limit }, cancellationToken: cancellationToken))];
    }

    private static Task<bool> ExistsAsync(NpgsqlConnection connection, Guid segmentId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(SegmentExistsSql, new { SegmentId = segmentId }, cancellationToken: cancellationToken));
}
