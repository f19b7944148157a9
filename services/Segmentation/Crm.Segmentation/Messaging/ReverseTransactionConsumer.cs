using Crm.Contracts.Customers;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Data;
using Npgsql;

namespace Crm.Segmentation.Messaging;

/// <summary>
/// A transaction entered in error leaves the customer's facts as if it had never been recorded, and the segments
/// follow; one reversed before it arrives (the reversal travels in another stream than an import's batches) never counts.
/// </summary>
public sealed class ReverseTransactionConsumer(NpgsqlDataSource dataSource, PurchaseStore purchases, MembershipMaintainer memberships)
    : InboxConsumer<TransactionReversed>(dataSource)
{
    protected override async Task HandleAsync(TransactionReversed message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (await purchases.ReverseAsync(transaction, message, cancellationToken) is { } customerId)
        {
            await memberships.RefreshAsync(transaction, [customerId], cancellationToken);
        }
    }
}
