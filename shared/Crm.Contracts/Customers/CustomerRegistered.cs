namespace Crm.Contracts.Customers;

/// <summary>A new customer record exists in the customers service.</summary>
/// <param name="CustomerSince">When the customer relationship began in the business's own history (an imported
/// customer may be years older than the record).</param>
public sealed record CustomerRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    string ExternalId,
    string Name,
    string? Email,
    DateOnly? CustomerSince = null,
    string? Country = null,
    string? AcquisitionSource = null) : ICustomerEvent;
