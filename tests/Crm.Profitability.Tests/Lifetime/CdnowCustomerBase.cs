using Crm.Profitability.Model.Lifetime;
using Crm.Testing.Cdnow;

namespace Crm.Profitability.Tests.Lifetime;

/// <summary>
/// The CDNOW calibration summary of Fader, Hardie &amp; Lee (2005): 2,357 customers over 39 weeks, recency and age in
/// weeks; read once per test run.
/// </summary>
public static class CdnowCustomerBase
{
    private static readonly Lazy<CustomerBaseSummary> Cached = new(Read);

    public static CustomerBaseSummary Summary => Cached.Value;

    private static CustomerBaseSummary Read()
    {
        var rows = CdnowConverter.SummaryRows();
        return new CustomerBaseSummary(
            [.. rows.Select(row => row.Frequency)],
            [.. rows.Select(row => row.Recency)],
            [.. rows.Select(row => row.Age)],
            [.. rows.Select(row => row.MonetaryValue)]);
    }
}
