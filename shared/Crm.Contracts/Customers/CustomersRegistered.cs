namespace Crm.Contracts.Customers;

/// <summary>
/// Customers created by a bulk import, up to about a thousand per event. Consumers treat each item exactly like a
/// <see cref="CustomerRegistered"/> event.
/// </summary>
public sealed record CustomersRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ImportId,
    IReadOnlyList<CustomerRegistered> Customers) : IIntegrationEvent
{
    string IIntegrationEvent.OrderingKey => ImportId.ToString();
}
