using Crm.Contracts.Segmentation;
using Crm.Messaging.Inbox;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>Keeps which segments each customer is in, for segment-targeted earn rules and rewards.</summary>
public sealed class FollowSegmentsConsumer(NpgsqlDataSource dataSource) : InboxConsumer<SegmentMembershipsChanged>(dataSource)
{
    private const string EnterSql = """
        insert into customer_segments (customer_id, segment_name) select * from unnest(@CustomerIds, @Segments) on conflict do nothing
        """;

    private const string LeaveSql = """
        delete from customer_segments s using unnest(@CustomerIds, @Segments) as l(customer_id, segment_name)
        where s.customer_id = l.customer_id and s.segment_name = l.segment_name
        """;

    protected override async Task HandleAsync(SegmentMembershipsChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The batch is in order; applying each customer's last change per segment is the same as applying all of them.
        var last = message.Changes.GroupBy(change => (change.CustomerId, change.SegmentName)).Select(group => group.Last()).ToList();
        foreach (var (sql, change) in new[] { (EnterSql, MembershipChanges.Entered), (LeaveSql, MembershipChanges.Left) })
        {
            var changes = last.Where(c => c.Change == change).ToList();
            if (changes.Count > 0)
            {
                await transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, new
                {
                    CustomerIds = changes.Select(c => c.CustomerId).ToArray(),
                    Segments = changes.Select(c => c.SegmentName).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
            }
        }
    }
}
