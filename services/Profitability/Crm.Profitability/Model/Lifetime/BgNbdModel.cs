namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The BG/NBD purchase model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while alive a
/// customer buys as a Poisson process, and after each repeat purchase drops out for good with a probability of their own.
/// </summary>
public static class BgNbdModel
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <exception cref="ModelFitException">Fewer than two customers, no repeat customers, or data that do not identify the model.</exception>
    public static BgNbdFit Fit(CustomerBaseSummary data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ModelFitException("There are no customers to fit the purchase model to.");
        }

        if (data.Count < 2)
        {
            throw new ModelFitException("There is only one customer; the purchase model needs a customer base, at least two and in practice hundreds.");
        }

        var repeatCustomers = data.Frequency.Count(x => x > 0);
        if (repeatCustomers == 0)
        {
            throw new ModelFitException(
                $"None of the {data.Count} customers made a repeat purchase in the calibration period, so how often customers buy and when they drop out cannot be told apart. Use a longer calibration period.");
        }

        Func<double[], double[]?, double> LogLikelihoodOf(BgNbdLikelihood likelihood) =>
            (point, gradient) => likelihood.Evaluate(new BgNbdParameters(point[0], point[1], point[2], point[3]), gradient);
        var LogLikelihoodAt = LogLikelihoodOf(new BgNbdLikelihood(data.Frequency, data.Recency, data.Age));
        var maximum = LogLikelihoodMaximizer.MaximizeWarmStarted(
            LogLikelihoodAt,
            data.Count,
            stride => (LogLikelihoodOf(new BgNbdLikelihood(
                Subsample.EveryKth(data.Frequency, stride), Subsample.EveryKth(data.Recency, stride), Subsample.EveryKth(data.Age, stride))),
                (data.Count + stride - 1) / stride),
            Start(data),
            Names);
        var estimates = ObservedInformation.Estimates(LogLikelihoodAt, maximum.Parameters, Names);
        var fitted = maximum.Parameters;
        return new BgNbdFit(
            new BgNbdParameters(fitted[0], fitted[1], fitted[2], fitted[3]),
            estimates,
            maximum.LogLikelihood,
            data.Count,
            repeatCustomers,
            maximum.Iterations);
    }

    /// <summary>The probability that a customer with this history is still alive at T.</summary>
    public static double ProbabilityAlive(BgNbdParameters p, int x, double tx, double T)
    {
        ArgumentNullException.ThrowIfNull(p);
        CheckHistory(x, tx, T);
        return Alive(p, x, tx, T);
    }

    /// <summary>E[X(t) | x, t_x, T]: the purchases expected in the next <paramref name="t"/> time units.</summary>
    public static double ExpectedPurchases(BgNbdParameters p, int x, double tx, double T, double t)
    {
        ArgumentNullException.ThrowIfNull(p);
        CheckHistory(x, tx, T);
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return AliveCustomerPurchases.Expected(p, x, T, t) * Alive(p, x, tx, T);
    }

    /// <summary>The total log-likelihood of the customer base at <paramref name="p"/>.</summary>
    public static double LogLikelihood(BgNbdParameters p, CustomerBaseSummary data)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(data);
        return new BgNbdLikelihood(data.Frequency, data.Recency, data.Age).Evaluate(p, null);
    }

    /// <summary>
    /// 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) for x &gt; 0, in logs so a huge frequency gives 0, never NaN.
    /// </summary>
    internal static double Alive(BgNbdParameters p, int x, double tx, double T)
    {
        if (x == 0)
        {
            return 1;
        }

        var logOdds = Math.Log(p.A / (p.B + x - 1)) + (p.R + x) * Math.Log((p.Alpha + T) / (p.Alpha + tx));
        return logOdds > 0 ? Math.Exp(-logOdds) / (1 + Math.Exp(-logOdds)) : 1 / (1 + Math.Exp(logOdds));
    }

    private static void CheckHistory(int x, double tx, double T)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        if (!(T > 0) || !double.IsFinite(T) || !(tx >= 0) || tx > T)
        {
            throw new ArgumentOutOfRangeException(nameof(tx), $"Need 0 ≤ t_x ≤ T and T > 0; got t_x = {tx}, T = {T}.");
        }
    }

    /// <summary>
    /// r = 1 with α matching the repeat buyers' mean purchase rate, a = b = 1: scale-aware in α, which depends on the
    /// time unit, and neutral in the dropout mixture.
    /// </summary>
    private static double[] Start(CustomerBaseSummary data)
    {
        double purchases = 0, exposure = 0;
        for (var i = 0; i < data.Count; i++)
        {
            purchases += data.Frequency[i];
            exposure += data.Age[i];
        }

        return [1, exposure / purchases, 1, 1];
    }
}
