namespace Crm.Segmentation.Model;

/// <summary>Configuration section <c>Segmentation</c>.</summary>
public sealed class SegmentationOptions
{
    public const string Section = "Segmentation";

    /// <summary>
    /// The currency revenue is added up in; transactions in other currencies are left out of the facts entirely (no
    /// revenue, no purchase day), as profitability leaves them out of its P&amp;Ls. Set it as profitability's.
    /// </summary>
    public string ReportingCurrency { get; set; } = "EUR";

    /// <summary>Profit to date up to this amount (in the reporting currency) is "break-even", above it "profitable".</summary>
    public decimal BreakEvenProfit { get; set; } = 10m;

    /// <summary>How often RFM quintiles and value deciles are measured anew over the whole population; zero turns it off.</summary>
    public TimeSpan RecomputeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long after start-up the first recompute runs (events from a fresh import settle first).</summary>
    public TimeSpan FirstRecomputeAfter { get; set; } = TimeSpan.FromMinutes(1);
}
