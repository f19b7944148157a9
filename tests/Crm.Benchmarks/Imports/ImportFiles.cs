using System.Globalization;
using System.Text;

namespace Crm.Benchmarks.Imports;

/// <summary>Deterministic import files: the same arguments always write the same bytes.</summary>
public static class ImportFiles
{
    public static string CustomerId(int index) => $"BENCH-C{index:D7}";

    public static void WriteCustomers(string path, int customers)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("external_id,name,email,country,acquisition_source,customer_since,consents\n");
        for (var i = 0; i < customers; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{CustomerId(i)},Customer {i},customer{i}@example.com,DE,search,2020-{1 + i % 12:D2}-{1 + i % 28:D2},email:marketing\n"));
        }
    }

    /// <summary>How long the file's transactions are spread over, from 2023-01-01.</summary>
    public const int SpanSeconds = 2 * 365 * 24 * 3600;

    /// <summary>Writes <see cref="Transactions"/> as CSV. Returns the number of transactions written.</summary>
    public static int WriteTransactions(string path, int lines, int customers)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price,discount,allowance,unit_cost,kind,original_transaction_id\n");
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var count = 0;
        foreach (var transaction in Transactions(lines, customers))
        {
            var occurredAt = start.AddSeconds(transaction.SecondsIn).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var kind = transaction.IsReturn ? "return" : "sale";
            var original = transaction.Original is { } number ? $"BENCH-T{number:D8}" : "";
            foreach (var line in transaction.Lines)
            {
                var discount = line.Discount == 0 ? "" : line.Discount.ToString(CultureInfo.InvariantCulture);
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"BENCH-T{transaction.Number:D8},{CustomerId(transaction.Customer)},{occurredAt},{transaction.Channel},EUR,SKU-{line.Sku:D5},{line.Category},{line.Quantity},{line.UnitPrice},{discount},,{line.UnitCost},{kind},{original}\n"));
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// Sales of 1 to 4 lines (2.5 on average) spread over the customers and 2023–2024; every tenth transaction a return
    /// of one unit of the first line of the customer's last sale, up to a month after it, if that sale has no return
    /// yet (returns may not take back more than their sale); <paramref name="lines"/> lines in all.
    /// </summary>
    public static IEnumerable<GeneratedTransaction> Transactions(int lines, int customers)
    {
        string[] channels = ["store", "web", "app", "phone"];
        string[] categories = ["grocery", "books", "music", "garden", "toys", "fashion"];
        var returnable = new GeneratedTransaction?[customers];
        var random = new Random(42);
        var written = 0;
        var transaction = 0;
        while (written < lines)
        {
            var customer = random.Next(customers);
            var channel = channels[random.Next(channels.Length)];
            if (transaction % 10 == 9 && returnable[customer] is { } sale)
            {
                var line = sale.Lines[0];
                var secondsIn = Math.Min(SpanSeconds - 1, sale.SecondsIn + random.Next(3_600, 30 * 86_400));
                yield return new GeneratedTransaction(transaction, customer, sale.Number, secondsIn, channel, [line with { Quantity = 1, Discount = 0 }]);
                returnable[customer] = null;
                written++;
                transaction++;
                continue;
            }

            var lineCount = Math.Min(1 + random.Next(4), lines - written);
            var saleSecondsIn = random.Next(SpanSeconds);
            var generated = new GeneratedLine[lineCount];
            for (var i = 0; i < lineCount; i++)
            {
                // In this order: the file's bytes depend on the order the random numbers are drawn in.
                var price = random.Next(100, 20_000) / 100m;
                var cost = random.Next(50, 10_000) / 100m;
                var discount = random.Next(5) == 0 ? 0.50m : 0m;
                var sku = random.Next(50_000);
                generated[i] = new GeneratedLine(sku, categories[random.Next(categories.Length)], 1 + random.Next(3), price, discount, cost);
            }

            var sold = new GeneratedTransaction(transaction, customer, null, saleSecondsIn, channel, generated);
            returnable[customer] = sold;
            yield return sold;
            written += lineCount;
            transaction++;
        }
    }
}
