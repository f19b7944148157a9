using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Tests.Lifetime;

/// <summary>Fits to a customer base simulated from known parameters recover those parameters.</summary>
public sealed class ParameterRecoveryTests
{
    private static readonly BgNbdParameters TruePurchases = new(0.25, 4, 0.8, 2.5);
    private static readonly GammaGammaParameters TrueSpend = new(6, 4, 15);
    private static readonly Lazy<CustomerBaseSummary> Simulated = new(() => CustomerBaseSimulator.Simulate(TruePurchases, TrueSpend, 50_000, 39, seed: 2005));

    [Fact]
    public void Purchase_model_recovers_the_simulated_parameters_within_four_standard_errors()
    {
        var fit = BgNbdModel.Fit(Simulated.Value);

        AssertRecovered(fit.Estimates, [TruePurchases.R, TruePurchases.Alpha, TruePurchases.A, TruePurchases.B]);
    }

    [Fact]
    public void Spend_model_recovers_the_simulated_parameters_within_four_standard_errors()
    {
        var fit = GammaGammaModel.Fit(Simulated.Value);

        AssertRecovered(fit.Estimates, [TrueSpend.P, TrueSpend.Q, TrueSpend.Gamma]);
        Assert.Equal(Simulated.Value.Frequency.Count(x => x > 0), fit.Customers);
    }

    [Fact]
    public void Simulation_is_the_same_for_the_same_seed_and_looks_like_real_data()
    {
        var first = CustomerBaseSimulator.Simulate(TruePurchases, TrueSpend, 2_000, 39, seed: 7);
        var again = CustomerBaseSimulator.Simulate(TruePurchases, TrueSpend, 2_000, 39, seed: 7);

        Assert.Equal(first.Frequency, again.Frequency);
        Assert.Equal(first.Recency, again.Recency);
        Assert.Equal(first.Age, again.Age);
        Assert.Equal(first.MonetaryValue, again.MonetaryValue);
        // Whole days in weeks: ages between 27 and 39 weeks take at most 84 distinct values.
        Assert.InRange(first.Age.Distinct().Count(), 2, 84);
        Assert.All(first.Age, age => Assert.InRange(age, 27, 39));
    }

    [Fact]
    public void Fitting_twice_gives_identical_results()
    {
        var data = CustomerBaseSimulator.Simulate(TruePurchases, TrueSpend, 40_000, 39, seed: 11);

        Assert.Equal(BgNbdModel.Fit(data).Parameters, BgNbdModel.Fit(data).Parameters);
    }

    private static void AssertRecovered(IReadOnlyList<ParameterEstimate> estimates, double[] truth)
    {
        for (var j = 0; j < truth.Length; j++)
        {
            var estimate = estimates[j];
            Assert.True(
                Math.Abs(estimate.Value - truth[j]) <= 4 * estimate.StandardError && estimate.StandardError < 0.1 * truth[j],
                $"{estimate.Name}: fitted {estimate.Value} ± {estimate.StandardError}, simulated with {truth[j]}");
        }
    }
}
