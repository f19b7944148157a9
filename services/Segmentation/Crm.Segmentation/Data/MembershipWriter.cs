using Crm.Contracts;
using Crm.Contracts.Segmentation;
using Crm.Data;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Applies membership changes inside the caller's transaction: the members table, the change log, and
/// SegmentMembershipsChanged events (up to a thousand changes each) through the outbox — all or nothing.
/// </summary>
public sealed class MembershipWriter(Crm.Messaging.Outbox.Outbox outbox, TimeProvider clock)
{
    private const int EventBatchSize = 1_000;

    private const string EnterSql = """
        insert into segment_members (segment_id, customer_id, since) select *, @Now from unnest(@SegmentIds, @CustomerIds)
        on conflict do nothing
        """;

    private const string LeaveSql = """
        delete from segment_members m using unnest(@SegmentIds, @CustomerIds) as l(segment_id, customer_id)
        where m.segment_id = l.segment_id and m.customer_id = l.customer_id
        """;

    private const string LogSql = """
        insert into membership_changes (segment_id, customer_id, version, change, reason, changed_at)
        select *, @Now from unnest(@SegmentIds, @CustomerIds, @Versions, @Changes, @Reasons)
        """;

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<MembershipChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var connection = transaction.Connection!;
        var now = clock.GetStoredUtcNow();
        var entered = changes.Where(c => c.Change == MembershipChanges.Entered).ToList();
        var left = changes.Where(c => c.Change == MembershipChanges.Left).ToList();
        await connection.ExecuteAsync(new CommandDefinition(EnterSql, Pairs(entered, now), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(LeaveSql, Pairs(left, now), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(LogSql, new
        {
            SegmentIds = changes.Select(c => c.Segment.Id).ToArray(),
            CustomerIds = changes.Select(c => c.CustomerId).ToArray(),
            Versions = changes.Select(c => c.Segment.Version).ToArray(),
            Changes = changes.Select(c => c.Change).ToArray(),
            Reasons = changes.Select(c => c.Reason).ToArray(),
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        var events = changes.Chunk(EventBatchSize)
            .Select(batch => (IIntegrationEvent)new SegmentMembershipsChanged(Guid.CreateVersion7(), now, [.. batch.Select(change =>
                new SegmentMembershipChanged(Guid.CreateVersion7(), now, change.CustomerId, change.Segment.Id, change.Segment.Name,
                    change.Segment.Version, change.Change, change.Reason))]))
            .ToList();
        await outbox.EnqueueAsync(transaction, events, cancellationToken);
    }

    private static object Pairs(List<MembershipChange> changes, DateTimeOffset now) => new
    {
        SegmentIds = changes.Select(c => c.Segment.Id).ToArray(),
        CustomerIds = changes.Select(c => c.CustomerId).ToArray(),
        Now = now,
    };
}
