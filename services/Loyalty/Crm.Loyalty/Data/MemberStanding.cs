namespace Crm.Loyalty.Data;

/// <summary>Where a member stands in the tiers as stored: null tier until first placed.</summary>
public sealed record MemberStanding(Guid CustomerId, string? Tier, DateTimeOffset? TierSince, DateTimeOffset? BelowSince, DateTimeOffset OpenedAt);
