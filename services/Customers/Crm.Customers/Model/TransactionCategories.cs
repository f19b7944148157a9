using Crm.Contracts.Customers;

namespace Crm.Customers.Model;

/// <summary>
/// A transaction's spend per product category, as its TransactionsRecorded event carries it — computed here once so
/// single postings and imports publish the same figures.
/// </summary>
public static class TransactionCategories
{
    /// <summary>
    /// One entry per category (compared ordinally), in the order the categories first appear on the lines; amounts
    /// rounded to the cent per category as <see cref="TransactionTotals"/> rounds the transaction's. The lines are
    /// valid ones (a category on every line).
    /// </summary>
    public static CategorySpend[] Of(IReadOnlyList<TransactionLineInput> lines)
    {
        // A transaction has a handful of lines and fewer categories: a linear search beats a dictionary.
        var categories = new string[lines.Count];
        var sums = new (decimal Quantity, decimal Revenue, decimal Deductions, decimal ProductCost)[lines.Count];
        var count = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var category = line.Category!;
            var at = 0;
            while (at < count && !string.Equals(categories[at], category, StringComparison.Ordinal))
            {
                at++;
            }

            if (at == count)
            {
                categories[count++] = category;
            }

            ref var sum = ref sums[at];
            sum.Quantity += line.Quantity;
            sum.Revenue += line.Quantity * line.UnitPrice;
            sum.Deductions += line.Discount + line.Allowance;
            sum.ProductCost += line.Quantity * line.UnitCost;
        }

        var result = new CategorySpend[count];
        for (var i = 0; i < count; i++)
        {
            var (quantity, revenue, deductions, productCost) = sums[i];
            revenue = decimal.Round(revenue, 2, MidpointRounding.AwayFromZero);
            result[i] = new CategorySpend(categories[i], quantity, revenue, revenue - deductions,
                decimal.Round(productCost, 2, MidpointRounding.AwayFromZero));
        }

        return result;
    }
}
