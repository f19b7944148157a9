namespace Crm.Contracts.Customers;

/// <summary>
/// A contact between the customer and the business (a page view, a call, a store visit...), with what serving it
/// cost when known.
/// </summary>
public sealed record RecordedInteraction(
    Guid InteractionId,
    string ExternalId,
    Guid CustomerId,
    DateTimeOffset OccurredAt,
    string Channel,
    string Type,
    decimal? CostToServe,
    string? Currency);
