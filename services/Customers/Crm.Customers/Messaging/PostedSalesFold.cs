using Crm.Contracts.Customers;
using Crm.Messaging.Outbox;

namespace Crm.Customers.Messaging;

/// <summary>
/// Sales posted one at a time (hundreds a second from the tills) leave as one <see cref="TransactionsRecorded"/> per
/// relay pass instead of one each, so the broker and the three services that consume them handle a few messages a
/// second rather than hundreds. An import's batches are left as they are.
/// </summary>
public sealed class PostedSalesFold : EventFold<TransactionsRecorded>
{
    protected override bool CanFold(TransactionsRecorded message) => message.ImportId is null;

    protected override TransactionsRecorded Fold(IReadOnlyList<TransactionsRecorded> messages) =>
        new(Guid.CreateVersion7(), messages.Max(message => message.OccurredAt), null, [.. messages.SelectMany(message => message.Transactions)]);
}
