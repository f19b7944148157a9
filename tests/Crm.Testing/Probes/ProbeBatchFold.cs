using Crm.Messaging.Outbox;

namespace Crm.Testing.Probes;

/// <summary>Folds posted probe batches (no batch id) into one, items in order, as the customers service folds posted sales.</summary>
public sealed class ProbeBatchFold : EventFold<ProbeBatchEvent>
{
    protected override bool CanFold(ProbeBatchEvent message) => message.BatchId is null;

    protected override ProbeBatchEvent Fold(IReadOnlyList<ProbeBatchEvent> messages) =>
        new(Guid.CreateVersion7(), messages[^1].OccurredAt, null, [.. messages.SelectMany(message => message.Items)]);
}
