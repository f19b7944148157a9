using Crm.Contracts.Profitability;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Lifetime value, P(alive), profit and churn risk from profitability's scoring runs, with value tiers.</summary>
public sealed class FollowValuesConsumer(NpgsqlDataSource dataSource, CustomerValueFacts values)
    : InboxConsumer<CustomerValuesUpdated>(dataSource)
{
    protected override Task HandleAsync(CustomerValuesUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        values.RecordAsync(transaction, message.Customers, cancellationToken);
}
