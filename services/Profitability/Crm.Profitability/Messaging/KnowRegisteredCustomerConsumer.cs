using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>A new customer's acquisition source, for P&amp;L roll-ups by source.</summary>
public sealed class KnowRegisteredCustomerConsumer(NpgsqlDataSource dataSource, CustomerDirectory directory)
    : InboxConsumer<CustomerRegistered>(dataSource)
{
    protected override Task HandleAsync(CustomerRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        directory.KnowAsync(transaction, [(message.CustomerId, message.AcquisitionSource, message.OccurredAt)], cancellationToken);
}
