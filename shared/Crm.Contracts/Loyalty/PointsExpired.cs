namespace Crm.Contracts.Loyalty;

/// <summary>Points a customer earned and did not spend reached their expiry date and are gone.</summary>
public sealed record PointsExpired(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    long Points) : ICustomerEvent;
