using Crm.Profitability.Model;

namespace Crm.Profitability.Data;

/// <summary>A P&amp;L as summed in SQL, at full precision; <see cref="ToLines"/> rounds each line to the cent.</summary>
internal sealed class PnlRow
{
    public Guid CustomerId { get; set; }

    public Guid SegmentId { get; set; }

    public string? Group { get; set; }

    public int Customers { get; set; }

    public int Transactions { get; set; }

    public int Interactions { get; set; }

    public decimal GrossRevenue { get; set; }

    public decimal AllowancesAndCredits { get; set; }

    public decimal Discounts { get; set; }

    public decimal NetRevenue { get; set; }

    public decimal ProductCosts { get; set; }

    public decimal ChannelCosts { get; set; }

    public decimal CostToServe { get; set; }

    public decimal AdminCosts { get; set; }

    /// <summary>Lines at cents, with profit taken from the rounded lines so the P&amp;L adds up as printed.</summary>
    public ProfitAndLoss ToLines()
    {
        var netRevenue = Money.Cents(NetRevenue);
        var productCosts = Money.Cents(ProductCosts);
        var channelCosts = Money.Cents(ChannelCosts);
        var costToServe = Money.Cents(CostToServe);
        var adminCosts = Money.Cents(AdminCosts);
        return new ProfitAndLoss(
            Money.Cents(GrossRevenue), Money.Cents(AllowancesAndCredits), Money.Cents(Discounts), netRevenue,
            productCosts, channelCosts, costToServe, adminCosts,
            netRevenue - productCosts - channelCosts - costToServe - adminCosts);
    }

}
