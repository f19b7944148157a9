using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>
/// An erased customer's scores, contacts and acquisition source go; their sales stay in the totals, anonymised. Their
/// id alone is kept, so that an import batch naming them that arrives later does not bring them back.
/// </summary>
public sealed class ForgetErasedCustomerConsumer(NpgsqlDataSource dataSource, CustomerDirectory directory)
    : InboxConsumer<CustomerErased>(dataSource)
{
    // Batches about the person still uncommitted finish first, and are forgotten with the rest.
    protected override bool Erases => true;

    protected override Task HandleAsync(CustomerErased message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        directory.ForgetAsync(transaction, message.CustomerId, message.OccurredAt, cancellationToken);
}
