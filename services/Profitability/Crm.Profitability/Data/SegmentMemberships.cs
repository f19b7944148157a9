using Crm.Contracts.Segmentation;
using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>The segments each customer is in, as the segmentation service announces them.</summary>
public sealed class SegmentMemberships(SegmentNames names)
{
    // A recompute batch may name a customer erased before it arrived: they stay gone.
    private const string ApplySql = """
        insert into segment_memberships (customer_id, segment_id, segment_name, is_member, changed_at)
        select * from unnest(@CustomerIds, @SegmentIds, @SegmentNames, @IsMember, @ChangedAt)
             as m(customer_id, segment_id, segment_name, is_member, changed_at)
        where not exists (select from erased_customers e where e.customer_id = m.customer_id)
        on conflict (customer_id, segment_id) do update
            set segment_name = excluded.segment_name, is_member = excluded.is_member, changed_at = excluded.changed_at
            where segment_memberships.changed_at <= excluded.changed_at
        """;

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<SegmentMembershipChanged> changes, CancellationToken cancellationToken)
    {
        // An event lists changes in the order they happened; one statement may touch a row only once, so the last
        // change of each customer and segment stands for the others.
        var last = changes.GroupBy(change => (change.CustomerId, change.SegmentId)).Select(group => group.Last()).ToArray();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(ApplySql, new
        {
            CustomerIds = last.Select(change => change.CustomerId).ToArray(),
            SegmentIds = last.Select(change => change.SegmentId).ToArray(),
            SegmentNames = last.Select(change => change.SegmentName).ToArray(),
            IsMember = last.Select(change => change.Change == MembershipChanges.Entered).ToArray(),
            ChangedAt = last.Select(change => change.OccurredAt.UtcDateTime).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        // Every change carries its segment version's name; one that arrives late does not undo a newer name.
        await names.KeepNewestAsync(
            transaction, changes.Select(change => (change.SegmentId, change.SegmentName, change.SegmentVersion)), cancellationToken);
    }
}
