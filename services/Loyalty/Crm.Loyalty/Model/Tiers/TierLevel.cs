namespace Crm.Loyalty.Model.Tiers;

/// <summary>A tier and the qualifying amount (points earned or spend in the window) from which a member reaches it.</summary>
public sealed record TierLevel(string Name, decimal Threshold);
