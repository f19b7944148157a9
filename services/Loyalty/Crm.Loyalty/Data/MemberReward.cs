namespace Crm.Loyalty.Data;

/// <summary>
/// A reward as one member sees it: whether their available points pay for it now and how many more they may redeem
/// under its per-customer limit (null: no limit).
/// </summary>
public sealed record MemberReward(
    Guid RewardId,
    string Name,
    string? Description,
    long CostPoints,
    int? Stock,
    bool CanAfford,
    int? RemainingUnderLimit);
