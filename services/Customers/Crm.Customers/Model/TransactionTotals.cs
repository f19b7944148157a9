using Crm.Contracts.Customers;

namespace Crm.Customers.Model;

/// <summary>A transaction's totals, computed once here so the API, imports and events agree to the cent.</summary>
public readonly record struct TransactionTotals(decimal Revenue, decimal Discounts, decimal Allowances, decimal NetAmount, decimal ProductCost)
{
    public static TransactionTotals Of(IEnumerable<RecordedTransactionLine> lines)
    {
        decimal revenue = 0, discounts = 0, allowances = 0, productCost = 0;
        foreach (var line in lines)
        {
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
