using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Consent as rules see it: the latest change per channel and purpose.</summary>
public sealed class FollowConsentConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts)
    : InboxConsumer<ConsentChanged>(dataSource)
{
    protected override Task HandleAsync(ConsentChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.RecordConsentAsync(transaction, message.CustomerId, message.Channel, message.Purpose, message.Granted, message.ChangedAt, cancellationToken);
}
