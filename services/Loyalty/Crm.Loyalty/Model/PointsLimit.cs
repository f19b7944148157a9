namespace Crm.Loyalty.Model;

/// <summary>The most points one request may move: an adjustment (either way), a transfer, a partner's transaction, a reward's cost.</summary>
public static class PointsLimit
{
    // A billion points is ten million in money at the default cost per point, far beyond any real goodwill credit,
    // gift, partner sale or reward; and it takes over nine billion such movements before a sum over the ledger (balances,
    // KPIs, simulations) overflows bigint, so no realistic ledger can break those reads.
    public const long PerMovement = 1_000_000_000;
}
