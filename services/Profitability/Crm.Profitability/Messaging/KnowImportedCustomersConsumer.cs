using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>Imported customers' acquisition sources, a batch at a time.</summary>
public sealed class KnowImportedCustomersConsumer(NpgsqlDataSource dataSource, CustomerDirectory directory)
    : InboxConsumer<CustomersRegistered>(dataSource)
{
    protected override Task HandleAsync(CustomersRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        directory.KnowAsync(
            transaction,
            [.. message.Customers.Select(customer => (customer.CustomerId, customer.AcquisitionSource, customer.OccurredAt))],
            cancellationToken);
}
