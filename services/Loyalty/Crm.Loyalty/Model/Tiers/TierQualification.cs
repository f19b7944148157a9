namespace Crm.Loyalty.Model.Tiers;

/// <summary>What earns a tier: points earned in the rolling window (not the balance, so redeeming never costs a tier) or spend in it.</summary>
public enum TierQualification
{
    PointsEarned,
    Spend,
}
