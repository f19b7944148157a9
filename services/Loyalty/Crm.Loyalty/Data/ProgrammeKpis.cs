namespace Crm.Loyalty.Data;

/// <summary>
/// The retention plan's health over a period. Redemption rate = points redeemed ÷ points issued; breakage = points
/// expired ÷ points issued; the liability is every unspent point still live now, valued at the cost per point.
/// </summary>
public sealed record ProgrammeKpis(
    DateTimeOffset From,
    DateTimeOffset To,
    long Members,
    long ActiveMembers,
    long PointsIssued,
    long PointsReversed,
    long PointsRedeemed,
    long PointsExpired,
    decimal? RedemptionRate,
    decimal? Breakage,
    long OutstandingPoints,
    decimal CostPerPoint,
    decimal OutstandingLiability,
    string Currency);
