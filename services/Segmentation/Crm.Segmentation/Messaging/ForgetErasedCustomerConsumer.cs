using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>An erased customer's facts, purchase days and consents go.</summary>
public sealed class ForgetErasedCustomerConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts)
    : InboxConsumer<CustomerErased>(dataSource)
{
    protected override Task HandleAsync(CustomerErased message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.ForgetAsync(transaction, message.CustomerId, cancellationToken);
}
