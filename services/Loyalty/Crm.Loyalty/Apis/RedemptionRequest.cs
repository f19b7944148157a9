namespace Crm.Loyalty.Apis;

/// <summary>The reward a member wants to reserve.</summary>
public sealed record RedemptionRequest(Guid? RewardId);
