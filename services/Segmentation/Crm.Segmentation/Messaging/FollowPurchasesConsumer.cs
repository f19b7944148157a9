using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>Each batch of transactions moves its buyers' purchase days, revenue and RFM scores, once.</summary>
public sealed class FollowPurchasesConsumer(NpgsqlDataSource dataSource, PurchaseStore purchases, MembershipMaintainer memberships)
    : InboxConsumer<TransactionsRecorded>(dataSource)
{
    protected override async Task HandleAsync(TransactionsRecorded message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await purchases.RecordAsync(transaction, message.Transactions, cancellationToken);
        await memberships.RefreshAsync(transaction, message.Transactions.Select(t => t.CustomerId), cancellationToken);
    }
}
