namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The Gamma-Gamma spend model (Colombo &amp; Jiang 1999; Fader, Hardie &amp; Lee 2005, "RFM and CLV"): a customer's
/// transaction amounts vary around a mean of their own, and those means vary across customers; spend is assumed
/// independent of how often the customer buys.
/// </summary>
public static class GammaGammaModel
{
    private static readonly string[] Names = ["p", "q", "gamma"];

    /// <summary>Fits the model by maximum likelihood to the repeat customers with a positive mean spend.</summary>
    /// <exception cref="ModelFitException">Fewer than two such customers, q ≤ 1 (infinite mean spend), or data that do not identify the model.</exception>
    public static GammaGammaFit Fit(CustomerBaseSummary data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var repeatCustomers = 0;
        var used = new List<int>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data.Frequency[i] > 0)
            {
                repeatCustomers++;
                if (data.MonetaryValue[i] > 0)
                {
                    used.Add(i);
                }
            }
        }

        if (used.Count == 0)
        {
            throw new ModelFitException(repeatCustomers == 0
                ? "No customer made a repeat purchase, so there is no repeat spend to fit the spend model to."
                : $"All {repeatCustomers} repeat customers have zero spend; the spend model needs repeat purchases with positive amounts.");
        }

        if (used.Count < 2)
        {
            throw new ModelFitException("Only one repeat customer has a positive spend; the spend model needs at least two and in practice hundreds.");
        }

        int[] frequency = [.. used.Select(i => data.Frequency[i])];
        double[] monetaryValue = [.. used.Select(i => data.MonetaryValue[i])];
        Func<double[], double[]?, double> LogLikelihoodOf(GammaGammaLikelihood likelihood) =>
            (point, gradient) => likelihood.Evaluate(new GammaGammaParameters(point[0], point[1], point[2]), gradient);
        var LogLikelihoodAt = LogLikelihoodOf(new GammaGammaLikelihood(frequency, monetaryValue));
        var maximum = LogLikelihoodMaximizer.MaximizeWarmStarted(
            LogLikelihoodAt,
            frequency.Length,
            stride => (LogLikelihoodOf(new GammaGammaLikelihood(Subsample.EveryKth(frequency, stride), Subsample.EveryKth(monetaryValue, stride))),
                (frequency.Length + stride - 1) / stride),
            Start(monetaryValue),
            Names);
        var fitted = new GammaGammaParameters(maximum.Parameters[0], maximum.Parameters[1], maximum.Parameters[2]);
        if (fitted.Q <= 1)
        {
            throw new ModelFitException(
                $"The fitted spend model has q = {fitted.Q:G4} ≤ 1, so its mean spend is infinite: a few very large amounts dominate. Check the amounts for outliers or errors.");
        }

        var estimates = ObservedInformation.Estimates(LogLikelihoodAt, maximum.Parameters, Names);
        return new GammaGammaFit(fitted, estimates, maximum.LogLikelihood, frequency.Length, repeatCustomers - frequency.Length, maximum.Iterations);
    }

    /// <summary>
    /// E[M | x, m̄] = p(γ + m̄x)/(px + q − 1): the customer's own mean weighted against the population's by how many
    /// repeat purchases back it; the population mean pγ/(q−1) when x = 0.
    /// </summary>
    public static double ExpectedAverageSpend(GammaGammaParameters p, int x, double monetaryValue)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(monetaryValue);
        var denominator = p.P * x + p.Q - 1;
        return x == 0 ? p.PopulationMeanSpend
            : denominator > 0 ? p.P * (p.Gamma + monetaryValue * x) / denominator
            : throw new ModelFitException($"With q = {p.Q:G4} the expected spend of a customer with {x} repeat purchases is infinite; the spend model does not fit.");
    }

    /// <summary>p = q = 2 and γ matching the mean spend; the optimiser takes it from there.</summary>
    private static double[] Start(double[] monetaryValue) => [2, 2, monetaryValue.Average() / 2];
}
