namespace Crm.Profitability.Model;

/// <summary>The P&amp;L of a segment's current members over a period.</summary>
public sealed record SegmentProfitRollup(Guid SegmentId, string Segment, int Customers, ProfitAndLoss Lines, decimal ProfitPerCustomer);
