namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// What a proposed rule would have changed over past purchases: the points given without and with it, the extra
/// points (negative if it would have given fewer, e.g. a stop-after rule), how many purchases and customers it
/// changed, and the extra liability at the given cost per point.
/// </summary>
public sealed record PromotionSimulationResult(
    int Transactions,
    int Customers,
    long PointsWithout,
    long PointsWith,
    long ExtraPoints,
    long PointsFromProposedRule,
    int AffectedTransactions,
    int AffectedCustomers,
    decimal CostPerPoint,
    decimal ExtraCost);
