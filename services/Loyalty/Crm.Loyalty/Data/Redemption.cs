namespace Crm.Loyalty.Data;

/// <summary>A member's redemption of a reward and where it stands; <see cref="SettledAt"/> is when it was confirmed or cancelled.</summary>
public sealed record Redemption(
    Guid Id,
    Guid CustomerId,
    Guid RewardId,
    string RewardName,
    long Points,
    RedemptionStatus Status,
    DateTimeOffset ReservedAt,
    DateTimeOffset? SettledAt);
