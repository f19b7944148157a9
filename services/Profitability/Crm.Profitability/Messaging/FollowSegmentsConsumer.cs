using Crm.Contracts.Segmentation;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>Keeps which segments each customer is in, for the P&amp;L roll-up by segment.</summary>
public sealed class FollowSegmentsConsumer(NpgsqlDataSource dataSource, SegmentMemberships memberships)
    : InboxConsumer<SegmentMembershipsChanged>(dataSource)
{
    protected override Task HandleAsync(SegmentMembershipsChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        memberships.ApplyAsync(transaction, message.Changes, cancellationToken);
}
