namespace Crm.Loyalty.Data;

/// <summary>The kinds of ledger entry: the only ways points come and go.</summary>
public static class LedgerKinds
{
    public const string Earn = "earn";
    public const string Redeem = "redeem";
    public const string Expire = "expire";
    public const string Adjust = "adjust";
    public const string Reverse = "reverse";
    public const string Transfer = "transfer";
}
