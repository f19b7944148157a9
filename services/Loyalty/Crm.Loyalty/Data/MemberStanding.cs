namespace Crm.Loyalty.Data;

/// <summary>Where a member stands in the tiers as stored: null tier until first placed.</summary>
public sealed record MemberStanding(Guid CustomerId, string? Tier, DateTimeOffset? TierSince, DateTimeOffset? BelowSince, DateTimeOffset OpenedAt)
{
    /// <summary>Reads standings; callers add the where clause (and the lock, if they need one).</summary>
    public const string Select = """
        select customer_id as CustomerId, tier, tier_since as TierSince, below_since as BelowSince, opened_at as OpenedAt
        from points_accounts
        """;
}
