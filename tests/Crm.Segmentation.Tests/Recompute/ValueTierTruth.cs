namespace Crm.Segmentation.Tests.Recompute;

/// <summary>
/// Value tiers worked out independently of the service, from the documented definition: lifetime-value deciles over
/// every valued customer by nearest rank, platinum = decile 10, gold = 8–9, silver = 5–7, bronze = 1–4.
/// </summary>
internal sealed class ValueTierTruth(IEnumerable<double> lifetimeValues)
{
    private readonly double[] _cuts = Cuts([.. lifetimeValues.Order()]);

    public string TierOf(decimal lifetimeValue)
    {
        var decile = 1 + _cuts.Count(cut => (double)lifetimeValue > cut);
        return decile switch
        {
            10 => "platinum",
            8 or 9 => "gold",
            >= 5 => "silver",
            _ => "bronze",
        };
    }

    private static double[] Cuts(double[] sorted) =>
        [.. Enumerable.Range(1, 9).Select(k => sorted[Math.Clamp((int)Math.Ceiling(k / 10.0 * sorted.Length) - 1, 0, sorted.Length - 1)])];
}
