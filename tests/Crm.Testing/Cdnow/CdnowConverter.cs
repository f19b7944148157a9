using System.Globalization;
using System.Text;

namespace Crm.Testing.Cdnow;

/// <summary>
/// Turns a CDNOW file into the customers service's CSV import formats, streaming both ways: the master file
/// (whitespace separated <c>customer_id date number_of_cds dollar_value</c>, one header line, CRLF) or the papers'
/// 1/10 sample (<c>master_id sample_id date number_of_cds dollar_value</c>, no header), whose customers are known by
/// their sample id — the <c>ID</c> of the published summary.
/// <list type="bullet">
/// <item>Customers: <c>cdnow-00001</c>, named "CDNOW customer 00001", customer since their first purchase day.</item>
/// <item>Transactions: one per master row, id <c>cdnow-&lt;line number in the file&gt;</c>, on that day (midnight
/// UTC), channel web, USD, sku <c>cd</c>, category <c>music</c>.</item>
/// <item>Lines: quantity is the number of CDs, so Σ quantity = Σ CDs. When the dollar value divides by the CD count
/// (to the 4 decimals a unit price may have) the transaction has one line at that unit price. Otherwise a single
/// line would make Σ quantity × unit price miss the dollar value by a fraction of a cent, so it gets two lines:
/// CDs − 1 at the per-CD price truncated to the cent, and 1 CD at the rest. Both ways quantity × unit price sums to
/// the dollar value exactly, and a dollar value of 0 is a unit price of 0, which the rules allow.</item>
/// </list>
/// </summary>
public static class CdnowConverter
{
    /// <summary>The shared data sets sit beside the repository (<c>../shared/datasets</c>), in CI as on a workstation.</summary>
    public static string DefaultMasterFile => Path.GetFullPath(Path.Combine(Crm.Hosting.Repository.Root, "..", "shared", "datasets", "cdnow", "CDNOW_master.txt"));

    /// <summary>The master file: <c>CRM_CDNOW_MASTER</c> when set, else the shared data set folder.</summary>
    public static string MasterFile => Environment.GetEnvironmentVariable("CRM_CDNOW_MASTER") is { Length: > 0 } path ? path : DefaultMasterFile;

    /// <summary>The 1/10 sample and its published calibration summary, beside the master file.</summary>
    public static string SampleFile => Path.Combine(Path.GetDirectoryName(MasterFile)!, "CDNOW_sample.txt");

    public static string SummaryFile => Path.Combine(Path.GetDirectoryName(MasterFile)!, "cdnow_customers_summary_with_transactions.csv");

    public static string ExternalId(string cdnowId) => $"cdnow-{cdnowId}";

    /// <summary>The published calibration summary of the sample (<c>ID,x,t_x,T,zbar</c>, CRLF, header line).</summary>
    public static IReadOnlyList<CdnowSummaryRow> SummaryRows() =>
        [.. File.ReadLines(SummaryFile).Skip(1).Select(line => line.Trim()).Where(line => line.Length > 0).Select(line => line.Split(',')).Select(fields =>
            new CdnowSummaryRow(
                fields[0],
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                double.Parse(fields[2], CultureInfo.InvariantCulture),
                double.Parse(fields[3], CultureInfo.InvariantCulture),
                double.Parse(fields[4], CultureInfo.InvariantCulture)))];

    /// <summary>Totals counted straight from the master file, independent of the conversion.</summary>
    public static CdnowTotals ReadTotals(string masterFile)
    {
        var perCustomer = new Dictionary<string, int>(StringComparer.Ordinal);
        long transactions = 0, cds = 0;
        decimal dollars = 0;
        foreach (var row in Rows(masterFile))
        {
            transactions++;
            cds += row.Cds;
            dollars += row.DollarValue;
            perCustomer[row.CustomerId] = perCustomer.GetValueOrDefault(row.CustomerId) + 1;
        }

        return new CdnowTotals(transactions, perCustomer.Count, dollars, cds, perCustomer);
    }

    /// <summary>Writes <paramref name="customersCsv"/> and <paramref name="transactionsCsv"/>; returns the rows written to each.</summary>
    public static (int Customers, long TransactionRows) Convert(string masterFile, string customersCsv, string transactionsCsv)
    {
        // First pass: each customer's first purchase day (customers are written before their transactions are read).
        var firstPurchase = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in Rows(masterFile))
        {
            if (!firstPurchase.TryGetValue(row.CustomerId, out var first))
            {
                order.Add(row.CustomerId);
                firstPurchase[row.CustomerId] = row.Date;
            }
            else if (row.Date < first)
            {
                firstPurchase[row.CustomerId] = row.Date;
            }
        }

        using (var customers = Open(customersCsv, "external_id,name,customer_since"))
        {
            foreach (var id in order)
            {
                customers.WriteLine($"{ExternalId(id)},CDNOW customer {id},{Date(firstPurchase[id])}");
            }
        }

        long transactionRows = 0;
        using var transactions = Open(transactionsCsv, "transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price");
        foreach (var row in Rows(masterFile))
        {
            var prefix = $"cdnow-{row.LineNumber},{ExternalId(row.CustomerId)},{Date(row.Date)},web,USD,cd,music";
            foreach (var (quantity, unitPrice) in Lines(row.Cds, row.DollarValue))
            {
                transactions.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix},{quantity},{unitPrice}"));
                transactionRows++;
            }
        }

        return (order.Count, transactionRows);
    }

    /// <summary>The lines of one purchase: quantities summing to <paramref name="cds"/>, amounts summing to <paramref name="dollarValue"/>.</summary>
    public static IReadOnlyList<(int Quantity, decimal UnitPrice)> Lines(int cds, decimal dollarValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cds, 1);
        var perCd = decimal.Round(dollarValue / cds, 4);
        if (perCd * cds == dollarValue)
        {
            return [(cds, perCd)];
        }

        var truncated = decimal.Floor(dollarValue * 100 / cds) / 100;
        return [(cds - 1, truncated), (1, dollarValue - ((cds - 1) * truncated))];
    }

    private static StreamWriter Open(string path, string header)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        writer.WriteLine(header);
        return writer;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The purchases of a CDNOW file (master or sample), in file order.</summary>
    public static IEnumerable<CdnowPurchase> Rows(string file)
    {
        using var reader = new StreamReader(file);
        var lineNumber = 0;
        var sample = true;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Contains("customer_id", StringComparison.Ordinal))
            {
                sample = false;
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != (sample ? 5 : 4))
            {
                throw new InvalidDataException($"{file} line {lineNumber}: expected {(sample ? 5 : 4)} fields, found {fields.Length}.");
            }

            var first = sample ? 1 : 0;
            yield return new CdnowPurchase(
                lineNumber,
                fields[first],
                DateOnly.ParseExact(fields[first + 1], "yyyyMMdd", CultureInfo.InvariantCulture),
                int.Parse(fields[first + 2], NumberStyles.None, CultureInfo.InvariantCulture),
                decimal.Parse(fields[first + 3], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        }
    }

}

/// <summary>What the CDNOW master file holds, counted from the file itself.</summary>
public sealed record CdnowTotals(long Transactions, int Customers, decimal DollarValue, long Cds, IReadOnlyDictionary<string, int> TransactionsPerCustomer);

/// <summary>One purchase of a CDNOW file; <see cref="CustomerId"/> is the sample id in the sample file.</summary>
public sealed record CdnowPurchase(int LineNumber, string CustomerId, DateOnly Date, int Cds, decimal DollarValue);
