namespace Crm.Customers.Model;

/// <summary>A transaction's totals, computed once here so the API, imports and events agree to the cent.</summary>
public readonly record struct TransactionTotals(decimal Revenue, decimal Discounts, decimal Allowances, decimal NetAmount, decimal ProductCost)
{
    public static TransactionTotals Of(IReadOnlyList<TransactionLineInput> lines)
    {
        decimal revenue = 0, discounts = 0, allowances = 0, productCost = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            revenue += line.Quantity * line.UnitPrice;
            discounts += line.Discount;
            allowances += line.Allowance;
            productCost += line.Quantity * line.UnitCost;
        }

        revenue = decimal.Round(revenue, 2, MidpointRounding.AwayFromZero);
        productCost = decimal.Round(productCost, 2, MidpointRounding.AwayFromZero);
        return new(revenue, discounts, allowances, revenue - discounts - allowances, productCost);
    }
}
