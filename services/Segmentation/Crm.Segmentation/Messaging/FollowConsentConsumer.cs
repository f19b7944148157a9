using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Consent as rules see it: the latest change per channel and purpose.</summary>
public sealed class FollowConsentConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts, MembershipMaintainer memberships)
    : InboxConsumer<ConsentChanged>(dataSource)
{
    protected override async Task HandleAsync(ConsentChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await facts.RecordConsentsAsync(
            transaction, [new ConsentFact(message.CustomerId, message.Channel, message.Purpose, message.Granted, message.ChangedAt)], cancellationToken);
        await memberships.RefreshAsync(transaction, [message.CustomerId], cancellationToken);
    }
}
