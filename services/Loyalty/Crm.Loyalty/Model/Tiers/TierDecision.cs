namespace Crm.Loyalty.Model.Tiers;

/// <summary>The standing to keep after a tier review, whether the tier changed (from → to), and why, in words.</summary>
public sealed record TierDecision(TierStanding Standing, bool Changed, string? From, string? To, string Reason);
