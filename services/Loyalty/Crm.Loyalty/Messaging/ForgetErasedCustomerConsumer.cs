using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>An erased customer's points account goes too.</summary>
public sealed class ForgetErasedCustomerConsumer(NpgsqlDataSource dataSource, PointsAccountStore accounts)
    : InboxConsumer<CustomerErased>(dataSource)
{
    protected override Task HandleAsync(CustomerErased message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        accounts.ForgetAsync(transaction, message.CustomerId, cancellationToken);
}
