using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>Customers arriving through a bulk import get their points accounts a batch at a time, once.</summary>
public sealed class OpenImportedPointsAccountsConsumer(NpgsqlDataSource dataSource, PointsAccountStore accounts)
    : InboxConsumer<CustomersRegistered>(dataSource)
{
    protected override Task HandleAsync(CustomersRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        accounts.OpenAsync(transaction, [.. message.Customers.Select(customer => (customer.CustomerId, customer.OccurredAt))], cancellationToken);
}
