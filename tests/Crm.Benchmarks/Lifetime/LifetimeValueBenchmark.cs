using System.Diagnostics;
using Crm.Profitability.Model.Lifetime;

namespace Crm.Benchmarks.Lifetime;

/// <summary>
/// The lifetime-value mathematics in process: BG/NBD and Gamma-Gamma maximum-likelihood fits and 12-month CLV scoring
/// on simulated customer bases of 100,000 and --customers customers (weekly time unit, 39-week calibration, first
/// purchases over 12 weeks); simulation is not timed. Prints best and median of --runs runs, and the fitted parameters
/// with standard errors against the simulated truth.
/// </summary>
public static class LifetimeValueBenchmark
{
    private static readonly BgNbdParameters TruePurchases = new(0.25, 4, 0.8, 2.5);
    private static readonly GammaGammaParameters TrueSpend = new(6, 4, 15);
    private static readonly ScoringOptions Scoring = new(HorizonMonths: 12, MonthlyDiscountRate: 0.01, DaysPerTimeUnit: 7);

    public static int Run(Options options)
    {
        var customers = options.Int("customers", 1_000_000);
        var runs = Math.Max(1, options.Int("runs", 3));

        // Compile every path once before anything is timed.
        Measure(CustomerBaseSimulator.Simulate(TruePurchases, TrueSpend, 250_000, 39, seed: 1));

        foreach (var size in new[] { 100_000, customers }.Distinct().Order())
        {
            var clock = Stopwatch.StartNew();
            var data = CustomerBaseSimulator.Simulate(TruePurchases, TrueSpend, size, 39, seed: 42);
            Console.WriteLine($"{size:N0} customers simulated in {clock.Elapsed.TotalSeconds:F2} s (not timed below): " +
                $"{data.Frequency.Count(x => x > 0):N0} repeat customers, {Enumerable.Range(0, size).Select(i => (data.Frequency[i], data.Age[i])).Distinct().Count():N0} distinct (x, T)");

            var measurements = Enumerable.Range(0, runs).Select(_ => Measure(data)).ToArray();
            Report("BG/NBD fit", measurements.Select(m => m.Purchases));
            Report("Gamma-Gamma fit", measurements.Select(m => m.Spend));
            Report("both fits", measurements.Select(m => m.Purchases + m.Spend));
            Report("CLV 12 months", measurements.Select(m => m.Scoring));

            var (purchases, spend) = (measurements[0].PurchaseFit, measurements[0].SpendFit);
            Console.WriteLine($"  BG/NBD ({purchases.Iterations} iterations, LL {purchases.LogLikelihood:F1}): " +
                Compare(purchases.Estimates, [TruePurchases.R, TruePurchases.Alpha, TruePurchases.A, TruePurchases.B]));
            Console.WriteLine($"  Gamma-Gamma ({spend.Iterations} iterations, {spend.Customers:N0} customers, LL {spend.LogLikelihood:F1}): " +
                Compare(spend.Estimates, [TrueSpend.P, TrueSpend.Q, TrueSpend.Gamma]));
        }

        return 0;
    }

    private static Measurement Measure(CustomerBaseSummary data)
    {
        var clock = Stopwatch.StartNew();
        var purchases = BgNbdModel.Fit(data);
        var purchasesTime = clock.Elapsed;
        clock.Restart();
        var spend = GammaGammaModel.Fit(data);
        var spendTime = clock.Elapsed;
        clock.Restart();
        LifetimeValueScorer.Score(purchases.Parameters, spend.Parameters, data, Scoring);
        return new Measurement(purchasesTime, spendTime, clock.Elapsed, purchases, spend);
    }

    private static void Report(string what, IEnumerable<TimeSpan> times)
    {
        double[] milliseconds = [.. times.Select(time => time.TotalMilliseconds)];
        Console.WriteLine($"  {what,-16} best {milliseconds.Min(),7:F0} ms   median {Percentiles.Of(milliseconds, 50),7:F0} ms");
    }

    private static string Compare(IReadOnlyList<ParameterEstimate> estimates, double[] truth) =>
        string.Join("; ", estimates.Select((estimate, j) => $"{estimate.Name} {estimate.Value:G4} ± {estimate.StandardError:G2} (true {truth[j]:G4})"));

    private sealed record Measurement(TimeSpan Purchases, TimeSpan Spend, TimeSpan Scoring, BgNbdFit PurchaseFit, GammaGammaFit SpendFit);
}
