namespace Crm.Contracts.Loyalty;

/// <summary>A customer's redemption of a reward was confirmed: <see cref="Points"/> are spent for good.</summary>
public sealed record PointsRedeemed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid RedemptionId,
    Guid RewardId,
    string RewardName,
    long Points) : ICustomerEvent;
