using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>A corrected acquisition source moves the customer's P&amp;L to the right roll-up.</summary>
public sealed class FollowProfileConsumer(NpgsqlDataSource dataSource, CustomerDirectory directory)
    : InboxConsumer<CustomerProfileUpdated>(dataSource)
{
    protected override Task HandleAsync(CustomerProfileUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        directory.KnowAsync(transaction, [(message.CustomerId, message.Profile.AcquisitionSource, message.OccurredAt)], cancellationToken);
}
