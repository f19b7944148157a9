namespace Crm.Loyalty.Model.Tiers;

/// <summary>When a member who no longer qualifies for their tier loses it (upgrades are always immediate).</summary>
public enum DowngradePolicy
{
    /// <summary>Never: a tier once reached is kept.</summary>
    None,

    /// <summary>When a new calendar period (the policy's downgrade period) starts after the shortfall began.</summary>
    AtPeriodEnd,

    /// <summary>After the member has been below the tier's threshold for a number of days without a break.</summary>
    AfterDays,
}
