namespace Crm.Loyalty.Model.Partners;

/// <summary>
/// Points for money spent at a partner. Rounding always favours the programme's points liability: earning rounds
/// down (no fraction of a point is given), paying with points rounds up (no fraction of a purchase is free).
/// </summary>
public static class PartnerPoints
{
    /// <summary>Points a member earns spending <paramref name="amount"/> at a partner that gives <paramref name="earnRate"/> per currency unit.</summary>
    public static long Earned(decimal amount, decimal earnRate) => (long)decimal.Floor(amount * earnRate);

    /// <summary>Points a member pays for <paramref name="amount"/> at a partner that takes <paramref name="burnRate"/> per currency unit.</summary>
    public static long Burned(decimal amount, decimal burnRate) => (long)decimal.Ceiling(amount * burnRate);
}
