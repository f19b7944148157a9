namespace Crm.Contracts.Profitability;

/// <summary>
/// The customers whose value moved in one scoring run, up to about a thousand per event. Consumers treat each item
/// exactly like a <see cref="CustomerValueUpdated"/> event.
/// </summary>
public sealed record CustomerValuesUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RunId,
    IReadOnlyList<CustomerValueUpdated> Customers) : IIntegrationEvent
{
    // All value batches form one stream, so a later run's values never overtake an earlier run's.
    string IIntegrationEvent.OrderingKey => "customer-values";
}
