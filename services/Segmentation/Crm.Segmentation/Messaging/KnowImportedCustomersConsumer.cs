using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Imported customers' profile facts, a batch at a time.</summary>
public sealed class KnowImportedCustomersConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts)
    : InboxConsumer<CustomersRegistered>(dataSource)
{
    protected override Task HandleAsync(CustomersRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.KnowAsync(transaction, [.. message.Customers.Select(KnownCustomers.From)], cancellationToken);
}
