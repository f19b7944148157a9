using MathNet.Numerics.Distributions;

namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// Draws a customer base from known BG/NBD and Gamma-Gamma parameters, to test that fits recover them and to
/// benchmark on realistic data. Deterministic for a seed.
/// </summary>
public static class CustomerBaseSimulator
{
    /// <summary>
    /// Each customer makes a first purchase on a whole day spread uniformly over the first
    /// <paramref name="acquisitionWindow"/>; while alive buys as a Poisson process at rate λ ~ Gamma(r, α) and after each
    /// repeat purchase drops out with probability p ~ Beta(a, b); each repeat purchase's amount is Gamma(p, ν) with
    /// ν ~ Gamma(q, γ). Purchase times are rounded to whole days and then expressed in time units, so T and t_x repeat
    /// across customers as they do in real data. Two purchases rounded onto the same day still count as two: merging
    /// them, as a count of repeat days would, thins the fast buyers' purchases and biases the fitted rate by a few percent.
    /// </summary>
    /// <param name="observationLength">The calibration period, in time units: ages T fall between it less the acquisition window and it.</param>
    /// <param name="acquisitionWindow">The period over which first purchases are spread, in time units.</param>
    /// <param name="daysPerTimeUnit">Days in the time unit (7 for weeks).</param>
    public static CustomerBaseSummary Simulate(
        BgNbdParameters bg,
        GammaGammaParameters gg,
        int customers,
        double observationLength,
        int seed,
        double acquisitionWindow = 12,
        double daysPerTimeUnit = 7)
    {
        ArgumentNullException.ThrowIfNull(bg);
        ArgumentNullException.ThrowIfNull(gg);
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        var calibrationDays = (int)Math.Round(observationLength * daysPerTimeUnit);
        var acquisitionDays = Math.Max(1, (int)Math.Round(acquisitionWindow * daysPerTimeUnit));
        if (acquisitionDays >= calibrationDays)
        {
            throw new ArgumentOutOfRangeException(nameof(acquisitionWindow), "First purchases must be spread over less than the calibration period.");
        }

        var random = new Random(seed);
        var frequency = new int[customers];
        var recency = new double[customers];
        var age = new double[customers];
        var monetaryValue = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var ageDays = calibrationDays - random.Next(acquisitionDays);
            var dailyRate = Gamma.Sample(random, bg.R, bg.Alpha) / daysPerTimeUnit;
            var dropout = Beta.Sample(random, bg.A, bg.B);
            var spendRate = Gamma.Sample(random, gg.Q, gg.Gamma);
            double time = 0, lastPurchase = 0, spend = 0;
            var repeatPurchases = 0;
            while (true)
            {
                time += Exponential.Sample(random, dailyRate);
                if (time > ageDays)
                {
                    break;
                }

                repeatPurchases++;
                lastPurchase = time;
                spend += Gamma.Sample(random, gg.P, spendRate);
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }

            frequency[i] = repeatPurchases;
            recency[i] = Math.Round(lastPurchase) / daysPerTimeUnit;
            age[i] = ageDays / daysPerTimeUnit;
            monetaryValue[i] = repeatPurchases == 0 ? 0 : spend / repeatPurchases;
        }

        return new CustomerBaseSummary(frequency, recency, age, monetaryValue);
    }
}
