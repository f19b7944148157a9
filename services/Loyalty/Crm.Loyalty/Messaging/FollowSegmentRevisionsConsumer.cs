using Crm.Contracts.Segmentation;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>
/// Follows segments renamed in the segmentation service: members' rows, rewards and earn rules that name the segment
/// by a former name name it by its current one, so a rename changes who sees and earns nothing.
/// </summary>
public sealed class FollowSegmentRevisionsConsumer(
    NpgsqlDataSource dataSource, FollowedSegments segments, RewardStore rewards, EarnRuleStore rules)
    : InboxConsumer<SegmentRevised>(dataSource)
{
    protected override async Task HandleAsync(SegmentRevised message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await segments.RecordAsync(transaction, [new SegmentVersion(message.SegmentId, message.Name, message.Version, message.PreviousName)], cancellationToken);

        // Revisions may arrive out of order: both names this one tells of become the newest name seen, so a late
        // revision renames what it renamed to where the segment has moved on since.
        var current = await segments.CurrentNameAsync(transaction, message.SegmentId, cancellationToken);
        var former = new[] { message.PreviousName, message.Name }.OfType<string>().Where(name => name != current).Distinct().ToList();
        if (former.Count > 0)
        {
            await rewards.RenameSegmentAsync(transaction, former, current, cancellationToken);
            await rules.RenameSegmentAsync(transaction, former, current, cancellationToken);
        }
    }
}
