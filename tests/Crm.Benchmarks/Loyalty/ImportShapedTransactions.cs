using Crm.Benchmarks.Imports;
using Crm.Contracts.Customers;

namespace Crm.Benchmarks.Loyalty;

/// <summary>
/// The transactions of issue 4's import benchmark file (<see cref="ImportFiles.Transactions"/>) as the customers
/// service's TransactionsRecorded events carry them: each transaction's lines summed per category, returns pointing at
/// their sale. Dates are moved from the file's two years into the last <c>days</c> days, where the benchmark's rules are
/// in force. Counting lines as that file does is what makes "a million transaction lines" the same amount of business
/// in the import's figure and in loyalty's.
/// </summary>
public static class ImportShapedTransactions
{
    public static EarningLoad Generate(int lines, Guid[] customers, int days)
    {
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        var transactions = new List<RecordedTransaction>();
        var written = 0;
        foreach (var generated in ImportFiles.Transactions(lines, customers.Length))
        {
            // Time-ordered ids, as the customers service gives the transactions it records.
            ids.Add(Guid.CreateVersion7());
            var occurredAt = now.AddSeconds(-(double)generated.SecondsIn / ImportFiles.SpanSeconds * days * 86_400);
            var categories = Summed(generated.Lines);
            var revenue = categories.Sum(category => category.Revenue);
            var net = categories.Sum(category => category.NetAmount);
            transactions.Add(new RecordedTransaction(ids[generated.Number], $"BENCH-T{generated.Number:D8}", customers[generated.Customer], occurredAt,
                generated.Channel, "EUR", generated.IsReturn ? TransactionKinds.Return : TransactionKinds.Sale,
                generated.Original is { } original ? ids[original] : null,
                revenue, revenue - net, 0, net, categories.Sum(category => category.ProductCost), categories));
            written += generated.Lines.Count;
        }

        var returns = transactions.Count(transaction => transaction.Kind == TransactionKinds.Return);
        return new EarningLoad([.. transactions], written, transactions.Count - returns, returns);
    }

    // One entry per category in the order categories first appear, as the customers service sums a transaction's lines.
    private static CategorySpend[] Summed(IReadOnlyList<GeneratedLine> lines) =>
    [
        .. lines.GroupBy(line => line.Category).Select(group =>
        {
            var revenue = group.Sum(line => line.Quantity * line.UnitPrice);
            return new CategorySpend(group.Key, group.Sum(line => line.Quantity), revenue, revenue - group.Sum(line => line.Discount),
                group.Sum(line => line.Quantity * line.UnitCost));
        }),
    ];
}
