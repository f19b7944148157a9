using Crm.Contracts.Customers;

namespace Crm.Benchmarks.Loyalty;

/// <summary>
/// Transactions shaped like the file issue 4's import benchmark loads (<see cref="Imports.ImportFiles.WriteTransactions"/>):
/// sales of 1 to 4 lines (2.5 on average) over six categories, every tenth transaction a one-line return of the
/// customer's previous sale; each transaction's lines summed per category, as the customers service's
/// TransactionsRecorded events carry them. Dates fall in the last <c>days</c> days, where the benchmark's rules are in
/// force. Counting lines as that file does is what makes "a million transaction lines" the same amount of business in
/// the import's figure and in loyalty's.
/// </summary>
public static class ImportShapedTransactions
{
    private static readonly string[] Channels = ["store", "web", "app", "phone"];

    private static readonly string[] Categories = ["grocery", "books", "music", "garden", "toys", "fashion"];

    public static EarningLoad Generate(int lines, Guid[] customers, int days, int seed)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var lastSale = new Guid?[customers.Length];
        var transactions = new List<RecordedTransaction>(lines / 2);
        var written = 0;
        var returns = 0;
        while (written < lines)
        {
            var customer = random.Next(customers.Length);
            var isReturn = transactions.Count % 10 == 9 && lastSale[customer] is not null;
            var lineCount = Math.Min(isReturn ? 1 : 1 + random.Next(4), lines - written);
            var occurredAt = now.AddSeconds(-random.Next(days * 86_400));
            var channel = Channels[random.Next(Channels.Length)];
            var categories = Summed([.. Enumerable.Range(0, lineCount).Select(_ => NextLine(random))]);
            var revenue = categories.Sum(category => category.Revenue);
            var net = categories.Sum(category => category.NetAmount);
            var id = Guid.CreateVersion7();
            transactions.Add(new RecordedTransaction(id, $"B-{transactions.Count}", customers[customer], occurredAt, channel, "EUR",
                isReturn ? TransactionKinds.Return : TransactionKinds.Sale, isReturn ? lastSale[customer] : null,
                revenue, revenue - net, 0, net, categories.Sum(category => category.ProductCost), categories));
            if (isReturn)
            {
                returns++;
            }
            else
            {
                lastSale[customer] = id;
            }

            written += lineCount;
        }

        return new EarningLoad([.. transactions], written, transactions.Count - returns, returns);
    }

    private static (string Category, int Quantity, decimal Price, decimal Discount, decimal Cost) NextLine(Random random)
    {
        var price = random.Next(100, 20_000) / 100m;
        var cost = random.Next(50, 10_000) / 100m;
        var discount = random.Next(5) == 0 ? 0.50m : 0m;
        return (Categories[random.Next(Categories.Length)], 1 + random.Next(3), price, discount, cost);
    }

    // One entry per category in the order categories first appear, as the customers service sums a transaction's lines.
    private static CategorySpend[] Summed(IReadOnlyList<(string Category, int Quantity, decimal Price, decimal Discount, decimal Cost)> lines) =>
    [
        .. lines.GroupBy(line => line.Category).Select(group =>
        {
            var revenue = group.Sum(line => line.Quantity * line.Price);
            return new CategorySpend(group.Key, group.Sum(line => line.Quantity), revenue, revenue - group.Sum(line => line.Discount),
                group.Sum(line => line.Quantity * line.Cost));
        }),
    ];
}
