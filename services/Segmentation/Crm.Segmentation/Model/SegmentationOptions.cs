namespace Crm.Segmentation.Model;

/// <summary>Configuration section <c>Segmentation</c>.</summary>
public sealed class SegmentationOptions
{
    public const string Section = "Segmentation";

    /// <summary>Profit to date up to this amount (in the reporting currency) is "break-even", above it "profitable".</summary>
    public decimal BreakEvenProfit { get; set; } = 10m;
}
