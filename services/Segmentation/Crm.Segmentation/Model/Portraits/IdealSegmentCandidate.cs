namespace Crm.Segmentation.Model.Portraits;

/// <summary>A saved segment weighed for the ideal customer: its members, those profitability has valued, and their profit.</summary>
/// <param name="AverageProfit">Profit per member; members not valued yet bring none.</param>
public sealed record IdealSegmentCandidate(Guid SegmentId, string Name, long Members, long ValuedMembers, decimal Profit)
{
    public decimal AverageProfit => Members == 0 ? 0 : Math.Round(Profit / Members, 2);
}
