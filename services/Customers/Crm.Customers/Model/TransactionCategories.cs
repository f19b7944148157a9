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
        // A transaction has a handful of lines and fewer categories: a linear search over a reused buffer beats a
        // dictionary (imports call this for every transaction).
        var sums = t_sums is { } reused && reused.Length >= lines.Count ? reused : t_sums = new Sum[Math.Max(16, lines.Count)];
        var count = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var category = line.Category!;
            var at = 0;
            while (at < count && !string.Equals(sums[at].Category, category, StringComparison.Ordinal))
            {
                at++;
            }

            if (at == count)
            {
                sums[count++] = new Sum { Category = category };
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
            ref var sum = ref sums[i];
            var revenue = decimal.Round(sum.Revenue, 2, MidpointRounding.AwayFromZero);
            result[i] = new CategorySpend(sum.Category, sum.Quantity, revenue, revenue - sum.Deductions,
                decimal.Round(sum.ProductCost, 2, MidpointRounding.AwayFromZero));
            sum = default;
        }

        return result;
    }

    [ThreadStatic]
    private static Sum[]? t_sums;

    private struct Sum
    {
        public string Category;
        public decimal Quantity, Revenue, Deductions, ProductCost;
    }
}
