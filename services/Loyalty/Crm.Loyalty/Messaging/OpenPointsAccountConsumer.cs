using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>Every registered customer gets a points account, once.</summary>
public sealed class OpenPointsAccountConsumer(NpgsqlDataSource dataSource, PointsAccountStore accounts)
    : InboxConsumer<CustomerRegistered>(dataSource)
{
    protected override Task HandleAsync(CustomerRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        accounts.OpenAsync(transaction, [(message.CustomerId, message.OccurredAt)], cancellationToken);
}
