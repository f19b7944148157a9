using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Each batch of transactions moves its buyers' purchase days, revenue and RFM scores, once.</summary>
public sealed class FollowPurchasesConsumer(NpgsqlDataSource dataSource, PurchaseStore purchases)
    : InboxConsumer<TransactionsRecorded>(dataSource)
{
    protected override Task HandleAsync(TransactionsRecorded message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        purchases.RecordAsync(transaction, message.Transactions, cancellationToken);
}
