using Crm.Contracts.Customers;
using Crm.Messaging.Outbox;

namespace Crm.Customers.Messaging;

/// <summary>
/// Interactions posted one at a time (page views and clicks come faster than sales) leave as one
/// <see cref="InteractionsRecorded"/> per relay pass instead of one each. An import's batches are left as they are.
/// </summary>
public sealed class PostedInteractionsFold : EventFold<InteractionsRecorded>
{
    protected override bool CanFold(InteractionsRecorded message) => message.ImportId is null;

    protected override InteractionsRecorded Fold(IReadOnlyList<InteractionsRecorded> messages) =>
        new(Guid.CreateVersion7(), messages.Max(message => message.OccurredAt), null, [.. messages.SelectMany(message => message.Interactions)]);
}
