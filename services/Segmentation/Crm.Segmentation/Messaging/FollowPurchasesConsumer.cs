using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>
/// Batches of transactions move their buyers' purchase days, revenue and RFM scores, and the segments they are in,
/// once. Posted sales arrive one per event, thousands a second: they are taken a batch of events at a time
/// (<see cref="SegmentationServiceExtensions.AddSegmentationConsumers"/>), so a second's events cost a few
/// transactions rather than thousands.
/// </summary>
public sealed class FollowPurchasesConsumer(NpgsqlDataSource dataSource, PurchaseStore purchases, MembershipMaintainer memberships)
    : InboxBatchConsumer<TransactionsRecorded>(dataSource)
{
    protected override async Task HandleAsync(IReadOnlyList<TransactionsRecorded> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var transactions = messages.SelectMany(message => message.Transactions).ToList();
        var moved = await purchases.RecordAsync(transaction, transactions, cancellationToken);
        await memberships.RefreshAsync(transaction, moved, cancellationToken);
    }
}
