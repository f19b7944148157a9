using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Profitability.Data;
using Npgsql;

namespace Crm.Profitability.Messaging;

/// <summary>Sales and returns enter the P&amp;L a batch at a time, once.</summary>
public sealed class RecordTransactionsConsumer(NpgsqlDataSource dataSource, FactStore facts)
    : InboxConsumer<TransactionsRecorded>(dataSource)
{
    protected override Task HandleAsync(TransactionsRecorded message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        facts.RecordTransactionsAsync(transaction, message.Transactions, cancellationToken);
}
