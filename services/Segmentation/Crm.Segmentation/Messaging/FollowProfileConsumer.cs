using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>A changed profile (attributes, source, country) changes the facts rules read.</summary>
public sealed class FollowProfileConsumer(NpgsqlDataSource dataSource, CustomerFactStore facts, MembershipMaintainer memberships)
    : InboxConsumer<CustomerProfileUpdated>(dataSource)
{
    protected override async Task HandleAsync(CustomerProfileUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await facts.KnowAsync(transaction, [KnownCustomers.From(message)], cancellationToken);
        await memberships.RefreshAsync(transaction, [message.CustomerId], cancellationToken);
    }
}
