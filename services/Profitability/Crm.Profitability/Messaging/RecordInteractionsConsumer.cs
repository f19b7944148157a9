using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>Contacts and service interactions enter the P&amp;L as costs, once.</summary>
public sealed class RecordInteractionsConsumer(NpgsqlDataSource dataSource, FactStore facts)
    : InboxConsumer<InteractionsRecorded>(dataSource)
{
    protected override Task HandleAsync(InteractionsRecorded message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.RecordInteractionsAsync(transaction, message.Interactions, cancellationToken);
}
