using Crm.Contracts.Segmentation;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>Keeps each segment's newest name, so a renamed segment shows its new name in the P&amp;L roll-up at once.</summary>
public sealed class FollowSegmentRevisionsConsumer(NpgsqlDataSource dataSource, SegmentNames names)
    : InboxConsumer<SegmentRevised>(dataSource)
{
    protected override Task HandleAsync(SegmentRevised message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        names.KeepNewestAsync(transaction, [(message.SegmentId, message.Name, message.Version)], cancellationToken);
}
