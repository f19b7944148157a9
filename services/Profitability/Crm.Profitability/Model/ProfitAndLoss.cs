namespace Crm.Profitability.Model;

/// <summary>
/// The profit and loss lines: gross revenue − allowances and credits − discounts = net revenue; net revenue −
/// product costs − channel costs − cost to serve − admin costs = profit.
/// </summary>
public sealed record ProfitAndLoss(
    decimal GrossRevenue,
    decimal AllowancesAndCredits,
    decimal Discounts,
    decimal NetRevenue,
    decimal ProductCosts,
    decimal ChannelCosts,
    decimal CostToServe,
    decimal AdminCosts,
    decimal Profit)
{
    public static ProfitAndLoss Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The cost line that weighs most against the customer: where an unprofitable customer's money goes.</summary>
    public string LargestCostLine()
    {
        (string Line, decimal Amount)[] costs =
        [
            ("allowancesAndCredits", AllowancesAndCredits),
            ("discounts", Discounts),
            ("productCosts", ProductCosts),
            ("channelCosts", ChannelCosts),
            ("costToServe", CostToServe),
            ("adminCosts", AdminCosts),
        ];
        return costs.MaxBy(cost => cost.Amount).Line;
    }
}
