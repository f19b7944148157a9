namespace Crm.Profitability.Model.Lifetime;

/// <summary>Per-customer predictions, each array aligned with the summary they were scored from.</summary>
public sealed class CustomerBaseScores(double[] probabilityAlive, double[] expectedPurchases, double[] expectedAverageSpend, double[] lifetimeValue)
{
    public int Count => LifetimeValue.Length;

    /// <summary>The probability that the customer has not dropped out by the end of the calibration period.</summary>
    public double[] ProbabilityAlive { get; } = probabilityAlive;

    /// <summary>Purchases expected over the whole horizon, undiscounted.</summary>
    public double[] ExpectedPurchases { get; } = expectedPurchases;

    /// <summary>The Gamma-Gamma expected spend per future purchase.</summary>
    public double[] ExpectedAverageSpend { get; } = expectedAverageSpend;

    /// <summary>Margin × expected spend × discounted expected purchases over the horizon.</summary>
    public double[] LifetimeValue { get; } = lifetimeValue;
}
