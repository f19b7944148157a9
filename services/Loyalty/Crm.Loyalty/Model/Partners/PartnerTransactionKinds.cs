namespace Crm.Loyalty.Model.Partners;

/// <summary>What a partner's transaction does: a member earns points spending at the partner, or pays with points there.</summary>
public static class PartnerTransactionKinds
{
    public const string Earn = "earn";
    public const string Burn = "burn";
}
