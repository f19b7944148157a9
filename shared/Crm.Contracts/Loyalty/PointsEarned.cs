namespace Crm.Contracts.Loyalty;

/// <summary>
/// A customer earned <see cref="Points"/> from one transaction or business event (<see cref="Source"/>, e.g.
/// <c>transaction:{id}</c>); they are pending until <see cref="AvailableAt"/> (the return window) and expire at
/// <see cref="ExpiresAt"/>.
/// </summary>
public sealed record PointsEarned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    string Source,
    long Points,
    DateTimeOffset AvailableAt,
    DateTimeOffset ExpiresAt) : ICustomerEvent;
