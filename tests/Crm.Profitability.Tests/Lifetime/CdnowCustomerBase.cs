using System.Globalization;
using Crm.Hosting;
using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Tests.Lifetime;

/// <summary>
/// The CDNOW calibration summary of Fader, Hardie &amp; Lee (2005): 2,357 customers over 39 weeks, columns
/// ID,x,t_x,T,zbar with recency and age in weeks; read once per test run.
/// </summary>
public static class CdnowCustomerBase
{
    private static readonly Lazy<CustomerBaseSummary> Cached = new(Read);

    public static string DefaultFile => Path.GetFullPath(
        Path.Combine(Repository.Root, "..", "shared", "datasets", "cdnow", "cdnow_customers_summary_with_transactions.csv"));

    /// <summary>The summary file: <c>CRM_CDNOW_SUMMARY</c> when set, else the shared data set folder.</summary>
    public static string File => Environment.GetEnvironmentVariable("CRM_CDNOW_SUMMARY") is { Length: > 0 } path ? path : DefaultFile;

    public static CustomerBaseSummary Summary => Cached.Value;

    private static CustomerBaseSummary Read()
    {
        var rows = System.IO.File.ReadLines(File)
            .Skip(1)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .ToArray();
        return new CustomerBaseSummary(
            [.. rows.Select(row => int.Parse(row[1], CultureInfo.InvariantCulture))],
            [.. rows.Select(row => double.Parse(row[2], CultureInfo.InvariantCulture))],
            [.. rows.Select(row => double.Parse(row[3], CultureInfo.InvariantCulture))],
            [.. rows.Select(row => double.Parse(row[4], CultureInfo.InvariantCulture))]);
    }
}
