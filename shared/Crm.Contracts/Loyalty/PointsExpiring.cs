namespace Crm.Contracts.Loyalty;

/// <summary>Notice ahead of expiry: <see cref="Points"/> of the customer's balance expire at <see cref="ExpiresAt"/> unless spent.</summary>
public sealed record PointsExpiring(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    long Points,
    DateTimeOffset ExpiresAt) : ICustomerEvent;
