using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Apis;

/// <summary>
/// The what-if's answer: the simulation over the period, the extra liability (extra points × cost per point) and the
/// expected cost (the liability less what past breakage says will expire unredeemed).
/// </summary>
public sealed record PromotionWhatIf(
    DateTimeOffset From,
    DateTimeOffset To,
    PromotionSimulationResult Simulation,
    decimal ExtraLiability,
    decimal ExpectedCost,
    decimal ExpectedRedeemedShare,
    string Currency);
