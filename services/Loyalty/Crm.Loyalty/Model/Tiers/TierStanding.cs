namespace Crm.Loyalty.Model.Tiers;

/// <summary>
/// A member's tier, since when they hold it, and since when their qualifying amount has been below that tier's
/// threshold without a break (null while they qualify) — which the downgrade policies read.
/// </summary>
public sealed record TierStanding(string Tier, DateTimeOffset Since, DateTimeOffset? BelowSince);
