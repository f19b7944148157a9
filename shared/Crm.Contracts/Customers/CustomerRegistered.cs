namespace Crm.Contracts.Customers;

/// <summary>A new customer record exists in the customers service.</summary>
public sealed record CustomerRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    string ExternalId,
    string Name,
    string? Email) : IIntegrationEvent;
