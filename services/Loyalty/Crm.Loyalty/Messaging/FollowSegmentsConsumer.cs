using Crm.Contracts.Segmentation;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>Keeps which segments each customer is in, for segment-targeted earn rules and rewards.</summary>
public sealed class FollowSegmentsConsumer(NpgsqlDataSource dataSource, FollowedSegments segments) : InboxConsumer<SegmentMembershipsChanged>(dataSource)
{
    protected override async Task HandleAsync(SegmentMembershipsChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The names first: a change may come from a version that renamed its segment.
        var versions = message.Changes.GroupBy(change => change.SegmentId)
            .Select(group => group.MaxBy(change => change.SegmentVersion)!)
            .Select(change => new SegmentVersion(change.SegmentId, change.SegmentName, change.SegmentVersion))
            .ToList();
        await segments.RecordAsync(transaction, versions, cancellationToken);

        // The batch is in order; applying each customer's last change per segment is the same as applying all of them.
        var last = message.Changes.GroupBy(change => (change.CustomerId, change.SegmentId)).Select(group => group.Last()).ToList();
        await segments.EnterAsync(transaction, Members(last, MembershipChanges.Entered), cancellationToken);
        await segments.LeaveAsync(transaction, Members(last, MembershipChanges.Left), cancellationToken);
    }

    private static List<(Guid CustomerId, Guid SegmentId)> Members(List<SegmentMembershipChanged> changes, string change) =>
        [.. changes.Where(c => c.Change == change).Select(c => (c.CustomerId, c.SegmentId))];
}
