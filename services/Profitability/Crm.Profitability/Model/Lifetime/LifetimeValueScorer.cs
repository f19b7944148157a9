using System.Collections.Concurrent;

namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// Customer lifetime value over a horizon: CLV = margin × E[spend per purchase] × Σ_m (E[X(m)] − E[X(m−1)]) / (1+d)^m,
/// with months m of 365.25/12 days, purchases from BG/NBD and spend from Gamma-Gamma.
/// </summary>
public static class LifetimeValueScorer
{
    private const int ChunkSize = 16_384;

    /// <param name="marginRates">Per customer, the share of spend that is margin; 1 for everyone when null.</param>
    /// <exception cref="ModelFitException">The spend model has an infinite mean (q ≤ 1).</exception>
    public static CustomerBaseScores Score(
        BgNbdParameters bg, GammaGammaParameters gg, CustomerBaseSummary data, ScoringOptions options, double[]? marginRates = null) =>
        Score(bg, gg, data, options, marginRates, cacheByFrequencyAndAge: true);

    /// <param name="cacheByFrequencyAndAge">
    /// The future purchases of an alive customer depend on x and T only, and real bases have few distinct (x, T) pairs,
    /// so each pair's outlook is computed once; when nearly every customer is distinct the cache only costs, and is dropped.
    /// </param>
    internal static CustomerBaseScores Score(
        BgNbdParameters bg, GammaGammaParameters gg, CustomerBaseSummary data, ScoringOptions options, double[]? marginRates, bool cacheByFrequencyAndAge)
    {
        ArgumentNullException.ThrowIfNull(bg);
        ArgumentNullException.ThrowIfNull(gg);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        Check(bg, gg, options);
        if (marginRates is not null && marginRates.Length != data.Count)
        {
            throw new ArgumentException($"There are {marginRates.Length} margin rates for {data.Count} customers.", nameof(marginRates));
        }

        if (marginRates is not null && Array.FindIndex(marginRates, rate => !double.IsFinite(rate)) is var bad and >= 0)
        {
            throw new ArgumentException($"The margin rate of the customer at index {bad} is not a number.", nameof(marginRates));
        }

        var populationMeanSpend = gg.PopulationMeanSpend;
        var monthEnds = new double[options.HorizonMonths];
        var discountFactors = new double[options.HorizonMonths];
        for (var m = 1; m <= options.HorizonMonths; m++)
        {
            monthEnds[m - 1] = m * ScoringOptions.DaysPerMonth / options.DaysPerTimeUnit;
            discountFactors[m - 1] = Math.Pow(1 + options.MonthlyDiscountRate, -m);
        }

        var n = data.Count;
        var (x, tx, age, spend) = (data.Frequency, data.Recency, data.Age, data.MonetaryValue);
        var (slots, outlooks) = cacheByFrequencyAndAge ? CachedOutlooks(bg, data, monthEnds, discountFactors) : (null, null);
        var scores = new CustomerBaseScores(new double[n], new double[n], new double[n], new double[n]);
        Parallel.ForEach(Partitioner.Create(0, n, ChunkSize), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var outlook = outlooks is null ? PurchaseOutlook.For(bg, x[i], age[i], monthEnds, discountFactors) : outlooks[slots![i]];
                var alive = BgNbdModel.Alive(bg, x[i], tx[i], age[i]);
                var averageSpend = x[i] == 0 ? populationMeanSpend : gg.P * (gg.Gamma + spend[i] * x[i]) / (gg.P * x[i] + gg.Q - 1);
                scores.ProbabilityAlive[i] = alive;
                scores.ExpectedPurchases[i] = outlook.Purchases * alive;
                scores.ExpectedAverageSpend[i] = averageSpend;
                scores.LifetimeValue[i] = (marginRates is null ? 1 : marginRates[i]) * averageSpend * outlook.DiscountedPurchases * alive;
            }
        });
        return scores;
    }

    /// <summary>Each customer's slot in a table of outlooks per distinct (x, T), or (null, null) when too many are distinct.</summary>
    private static (int[]? Slots, PurchaseOutlook[]? Outlooks) CachedOutlooks(
        BgNbdParameters bg, CustomerBaseSummary data, double[] monthEnds, double[] discountFactors)
    {
        var limit = Math.Max(4096, data.Count / 4);
        var slotOf = new Dictionary<(int Frequency, long AgeBits), int>();
        var slots = new int[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            var key = (data.Frequency[i], BitConverter.DoubleToInt64Bits(data.Age[i]));
            if (!slotOf.TryGetValue(key, out var slot))
            {
                if (slotOf.Count == limit)
                {
                    return (null, null);
                }

                slot = slotOf.Count;
                slotOf.Add(key, slot);
            }

            slots[i] = slot;
        }

        var keys = new (int Frequency, long AgeBits)[slotOf.Count];
        foreach (var (key, slot) in slotOf)
        {
            keys[slot] = key;
        }

        var outlooks = new PurchaseOutlook[keys.Length];
        Parallel.For(0, keys.Length, s =>
            outlooks[s] = PurchaseOutlook.For(bg, keys[s].Frequency, BitConverter.Int64BitsToDouble(keys[s].AgeBits), monthEnds, discountFactors));
        return (slots, outlooks);
    }

    private static void Check(BgNbdParameters bg, GammaGammaParameters gg, ScoringOptions options)
    {
        double[] parameters = [bg.R, bg.Alpha, bg.A, bg.B, gg.P, gg.Q, gg.Gamma];
        if (!parameters.All(value => value > 0 && double.IsFinite(value)))
        {
            throw new ArgumentException($"Model parameters must be positive numbers; got {bg} and {gg}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.HorizonMonths, nameof(options));
        if (!(options.MonthlyDiscountRate > -1) || !double.IsFinite(options.MonthlyDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The monthly discount rate must be a number above −1; got {options.MonthlyDiscountRate}.");
        }

        if (!(options.DaysPerTimeUnit > 0) || !double.IsFinite(options.DaysPerTimeUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Days per time unit must be positive; got {options.DaysPerTimeUnit}.");
        }
    }
}
