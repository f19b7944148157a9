namespace Crm.Contracts.Customers;

/// <summary>A customer's profile changed; carries the whole profile as it now is and which fields changed.</summary>
public sealed record CustomerProfileUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    int Version,
    IReadOnlyList<string> ChangedFields,
    CustomerProfile Profile) : ICustomerEvent;
