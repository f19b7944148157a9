using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>A changed profile (attributes, source, country) changes the facts rules read.</summary>
public sealed class FollowProfileConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts)
    : InboxConsumer<CustomerProfileUpdated>(dataSource)
{
    protected override Task HandleAsync(CustomerProfileUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.KnowAsync(transaction, [KnownCustomers.From(message)], cancellationToken);
}
