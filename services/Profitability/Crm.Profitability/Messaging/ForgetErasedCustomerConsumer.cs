using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>An erased customer's scores, contacts and acquisition source go; their sales stay in the totals, anonymised.</summary>
public sealed class ForgetErasedCustomerConsumer(NpgsqlDataSource dataSource, CustomerDirectory directory)
    : InboxConsumer<CustomerErased>(dataSource)
{
    protected override Task HandleAsync(CustomerErased message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        directory.ForgetAsync(transaction, message.CustomerId, cancellationToken);
}
