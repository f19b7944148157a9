using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Messaging.Inbox;
using Npgsql;

namespace Crm.Loyalty.Messaging;

/// <summary>Sales earn points and returns take them back, a batch at a time, once.</summary>
public sealed class EarnPointsConsumer(NpgsqlDataSource dataSource, TransactionEarning earning)
    : InboxConsumer<TransactionsRecorded>(dataSource)
{
    protected override Task HandleAsync(TransactionsRecorded message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        earning.EarnAsync(transaction, message.Transactions, cancellationToken);
}
