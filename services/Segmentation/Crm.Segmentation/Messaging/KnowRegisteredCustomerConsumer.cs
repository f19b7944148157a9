using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>A new customer's profile facts (acquisition source, country, customer since).</summary>
public sealed class KnowRegisteredCustomerConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts, MembershipMaintainer memberships)
    : InboxConsumer<CustomerRegistered>(dataSource)
{
    protected override async Task HandleAsync(CustomerRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await facts.KnowAsync(transaction, [KnownCustomers.From(message)], cancellationToken);
        await facts.RecordConsentsAsync(transaction, KnownCustomers.Consents([message]), cancellationToken);
        await memberships.RefreshAsync(transaction, [message.CustomerId], cancellationToken);
    }
}
