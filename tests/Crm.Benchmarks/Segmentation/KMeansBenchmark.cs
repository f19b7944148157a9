using System.Diagnostics;
using Crm.Segmentation.Model.Clustering;

namespace Crm.Benchmarks.Segmentation;

/// <summary>
/// Behavioural segmentation in process: --customers × --features simulated customers in --segments known segments
/// (not timed), then automatic selection of k over 2..10, timed as a user waits for it: standardisation, k-means++ and
/// Lloyd's iterations for every k, silhouette (5,000-customer sample) and Davies–Bouldin scores. Prints the total and
/// each k's time, the scores behind the choice, the chosen k and its adjusted Rand index against the truth.
/// </summary>
public static class KMeansBenchmark
{
    private static readonly string[] BehaviouralFeatures =
        ["days_since_last_order", "orders_per_year", "average_basket", "tenure_months", "discount_share", "return_rate", "web_share", "categories_bought"];

    public static int Run(Options options)
    {
        var customers = options.Int("customers", 1_000_000);
        var features = options.Int("features", 8);
        var segments = options.Int("segments", 5);
        var runs = Math.Max(1, options.Int("runs", 1));
        var (minK, maxK) = (options.Int("min-k", 2), options.Int("max-k", 10));

        // Compile every path once before anything is timed.
        KMeansSelection.Select(Simulate(50_000, features, segments).Data, minK, maxK);

        var clock = Stopwatch.StartNew();
        var simulated = Simulate(customers, features, segments);
        Console.WriteLine($"{customers:N0} customers × {features} features in {segments} segments simulated in {clock.Elapsed.TotalSeconds:F2} s (not timed below)");

        var measurements = new List<(TimeSpan Total, List<(ClusteringCandidate Candidate, TimeSpan Time)> Laps, ClusteringSelection Selection)>();
        for (var run = 0; run < runs; run++)
        {
            var laps = new LapTimes();
            clock.Restart();
            var selection = KMeansSelection.Select(simulated.Data, minK, maxK, progress: laps);
            measurements.Add((clock.Elapsed, laps.Laps, selection));
        }

        double[] totals = [.. measurements.Select(m => m.Total.TotalSeconds)];
        var (_, bestLaps, chosen) = measurements.MinBy(m => m.Total);
        Console.WriteLine($"  selection k = {minK}..{maxK}   best {totals.Min():F2} s   median {Percentiles.Of(totals, 50):F2} s   ({runs} run{(runs == 1 ? "" : "s")}; per k from the best run, k = {minK} includes standardisation)");
        foreach (var (candidate, time) in bestLaps)
        {
            Console.WriteLine($"    k = {candidate.K,2}  {time.TotalSeconds,6:F2} s  {candidate.Iterations,3} iterations{(candidate.Converged ? "" : " (limit)")}  " +
                $"silhouette {candidate.Silhouette:F4}  Davies–Bouldin {candidate.DaviesBouldin:F4}  inertia {candidate.Inertia:G6}{(candidate.K == chosen.Best.K ? "  ← chosen" : "")}");
        }

        var best = chosen.Best;
        Console.WriteLine($"  chosen k = {best.K} (true {segments}), adjusted Rand index vs truth {AdjustedRandIndex.Of(best.Labels, simulated.TrueSegments):F4}, " +
            $"segment sizes {string.Join(" / ", best.ClusterSizes.Select(size => size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
        return 0;
    }

    /// <summary>
    /// Segment centres a few spreads apart on every feature, in units of different sizes per feature (days, counts,
    /// pounds, shares), so standardisation has work to do. Seeded: the same command simulates the same base.
    /// </summary>
    private static SimulatedCustomers Simulate(int customers, int features, int segments)
    {
        var random = new Random(7);
        string[] names = [.. Enumerable.Range(0, features).Select(j => j < BehaviouralFeatures.Length ? BehaviouralFeatures[j] : $"feature_{j + 1}")];
        double[] units = [.. Enumerable.Range(0, features).Select(j => Math.Pow(10, j % 4 - 1))];
        var truth = Enumerable.Range(0, segments).Select(_ => new SimulatedSegment(
            [.. units.Select(unit => unit * 10 * random.NextDouble())],
            [.. units.Select(unit => unit * (0.5 + random.NextDouble()))],
            0.5 + random.NextDouble())).ToArray();
        return SegmentSimulator.Simulate(names, truth, customers, seed: 42);
    }

    /// <summary>Takes a lap time as each k is reported; selection reports on the calling thread, so no locking.</summary>
    private sealed class LapTimes : IProgress<ClusteringCandidate>
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private TimeSpan last;

        public List<(ClusteringCandidate Candidate, TimeSpan Time)> Laps { get; } = [];

        public void Report(ClusteringCandidate value)
        {
            var now = clock.Elapsed;
            Laps.Add((value, now - last));
            last = now;
        }
    }
}
