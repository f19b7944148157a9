using Crm.Contracts.Profitability;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Lifetime value, P(alive), profit and churn risk from profitability's scoring runs, with value tiers.</summary>
public sealed class FollowValuesConsumer(NpgsqlDataSource dataSource, CustomerValueFacts values, MembershipMaintainer memberships)
    : InboxConsumer<CustomerValuesUpdated>(dataSource)
{
    protected override async Task HandleAsync(CustomerValuesUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await values.RecordAsync(transaction, message.Customers, cancellationToken);
        await memberships.RefreshAsync(transaction, message.Customers.Select(c => c.CustomerId), cancellationToken);
    }
}
