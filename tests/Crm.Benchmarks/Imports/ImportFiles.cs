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

    /// <summary>
    /// Sales of 1 to 4 lines (2.5 on average) spread over the customers and 2023–2024, every tenth transaction a
    /// return of the customer's previous sale. Returns the number of transactions written.
    /// </summary>
    public static int WriteTransactions(string path, int lines, int customers)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price,discount,allowance,unit_cost,kind,original_transaction_id\n");
        string[] channels = ["store", "web", "app", "phone"];
        string[] categories = ["grocery", "books", "music", "garden", "toys", "fashion"];
        var lastSale = new int[customers];
        Array.Fill(lastSale, -1);
        var random = new Random(42);
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var written = 0;
        var transaction = 0;
        while (written < lines)
        {
            var customer = random.Next(customers);
            var isReturn = transaction % 10 == 9 && lastSale[customer] >= 0;
            var lineCount = Math.Min(isReturn ? 1 : 1 + random.Next(4), lines - written);
            var occurredAt = start.AddSeconds(random.Next(2 * 365 * 24 * 3600)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var channel = channels[random.Next(channels.Length)];
            var kind = isReturn ? "return" : "sale";
            var original = isReturn ? $"BENCH-T{lastSale[customer]:D8}" : "";
            for (var line = 0; line < lineCount; line++)
            {
                var price = (random.Next(100, 20_000) / 100m).ToString(CultureInfo.InvariantCulture);
                var cost = (random.Next(50, 10_000) / 100m).ToString(CultureInfo.InvariantCulture);
                var discount = random.Next(5) == 0 ? "0.50" : "";
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"BENCH-T{transaction:D8},{CustomerId(customer)},{occurredAt},{channel},EUR,SKU-{random.Next(50_000):D5},{categories[random.Next(categories.Length)]},{1 + random.Next(3)},{price},{discount},,{cost},{kind},{original}\n"));
            }

            if (!isReturn)
            {
                lastSale[customer] = transaction;
            }

            written += lineCount;
            transaction++;
        }

        return transaction;
    }
}
