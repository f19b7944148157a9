namespace Crm.Contracts.Customers;

/// <summary>Interactions newly recorded, up to about a thousand per event.</summary>
public sealed record InteractionsRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid? ImportId,
    IReadOnlyList<RecordedInteraction> Interactions) : IIntegrationEvent
{
    string IIntegrationEvent.OrderingKey =>
        ImportId?.ToString() ?? (Interactions.Count > 0 ? Interactions[0].CustomerId.ToString() : EventId.ToString());
}
