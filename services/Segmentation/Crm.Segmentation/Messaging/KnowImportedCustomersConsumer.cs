using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Imported customers' profile facts, a batch at a time.</summary>
public sealed class KnowImportedCustomersConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts, MembershipMaintainer memberships)
    : InboxConsumer<CustomersRegistered>(dataSource)
{
    protected override async Task HandleAsync(CustomersRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await facts.KnowAsync(transaction, [.. message.Customers.Select(KnownCustomers.From)], cancellationToken);
        await facts.RecordConsentsAsync(transaction, KnownCustomers.Consents(message.Customers), cancellationToken);
        await memberships.RefreshAsync(transaction, message.Customers.Select(c => c.CustomerId), cancellationToken);
    }
}
