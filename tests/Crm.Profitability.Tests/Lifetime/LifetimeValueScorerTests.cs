using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Tests.Lifetime;

/// <summary>Lifetime value is expected spend times discounted expected purchases, month by month.</summary>
public sealed class LifetimeValueScorerTests
{
    private static readonly BgNbdParameters Purchases = new(0.2426, 4.4135, 0.7929, 2.4258);
    private static readonly GammaGammaParameters Spend = new(6.2488, 3.7446, 15.4478);
    private static readonly Lazy<CustomerBaseSummary> Customers = new(() => CustomerBaseSimulator.Simulate(Purchases, Spend, 3_000, 39, seed: 3));

    [Fact]
    public void Undiscounted_one_month_value_is_expected_spend_times_expected_purchases_in_a_month()
    {
        var data = Customers.Value;
        var month = ScoringOptions.DaysPerMonth / 7;

        var scores = LifetimeValueScorer.Score(Purchases, Spend, data, new ScoringOptions(1, 0, 7));

        for (var i = 0; i < data.Count; i++)
        {
            var purchases = BgNbdModel.ExpectedPurchases(Purchases, data.Frequency[i], data.Recency[i], data.Age[i], month);
            var spend = GammaGammaModel.ExpectedAverageSpend(Spend, data.Frequency[i], data.MonetaryValue[i]);
            Assert.Equal(spend * purchases, scores.LifetimeValue[i], 1e-12 * Math.Max(1, spend * purchases));
            Assert.Equal(purchases, scores.ExpectedPurchases[i], 1e-12);
            Assert.Equal(spend, scores.ExpectedAverageSpend[i], 1e-12 * spend);
            Assert.Equal(BgNbdModel.ProbabilityAlive(Purchases, data.Frequency[i], data.Recency[i], data.Age[i]), scores.ProbabilityAlive[i]);
        }
    }

    [Fact]
    public void Expected_purchases_over_the_horizon_are_the_conditional_expectation_at_its_end()
    {
        var data = Customers.Value;
        var year = 12 * ScoringOptions.DaysPerMonth / 7;

        var scores = LifetimeValueScorer.Score(Purchases, Spend, data, new ScoringOptions(12, 0.01, 7));

        for (var i = 0; i < data.Count; i++)
        {
            var expected = BgNbdModel.ExpectedPurchases(Purchases, data.Frequency[i], data.Recency[i], data.Age[i], year);
            Assert.Equal(expected, scores.ExpectedPurchases[i], 1e-12 * Math.Max(1, expected));
        }
    }

    [Fact]
    public void Discounting_lowers_value_but_by_no_more_than_the_last_months_factor()
    {
        var data = Customers.Value;

        var undiscounted = LifetimeValueScorer.Score(Purchases, Spend, data, new ScoringOptions(12, 0, 7));
        var discounted = LifetimeValueScorer.Score(Purchases, Spend, data, new ScoringOptions(12, 0.01, 7));

        for (var i = 0; i < data.Count; i++)
        {
            Assert.True(discounted.LifetimeValue[i] < undiscounted.LifetimeValue[i]);
            Assert.True(discounted.LifetimeValue[i] >= undiscounted.LifetimeValue[i] / Math.Pow(1.01, 12));
        }

        Assert.Equal(undiscounted.ExpectedPurchases, discounted.ExpectedPurchases);
    }

    [Fact]
    public void Cached_and_uncached_scoring_agree()
    {
        var data = Customers.Value;
        var options = new ScoringOptions(12, 0.008, 7);
        double[] margins = [.. Enumerable.Range(0, data.Count).Select(i => 0.2 + i % 5 * 0.1)];

        var cached = LifetimeValueScorer.Score(Purchases, Spend, data, options, margins, cacheByFrequencyAndAge: true);
        var uncached = LifetimeValueScorer.Score(Purchases, Spend, data, options, margins, cacheByFrequencyAndAge: false);

        Assert.Equal(uncached.LifetimeValue, cached.LifetimeValue);
        Assert.Equal(uncached.ExpectedPurchases, cached.ExpectedPurchases);
        Assert.Equal(uncached.ProbabilityAlive, cached.ProbabilityAlive);
    }

    [Fact]
    public void Margin_rates_scale_value_and_customers_with_continuous_ages_are_scored()
    {
        // Every age distinct: the cache gives way to scoring customer by customer.
        var simulated = Customers.Value;
        double[] age = [.. simulated.Age.Select((value, i) => value + i * 1e-6)];
        var data = new CustomerBaseSummary(simulated.Frequency, simulated.Recency, age, simulated.MonetaryValue);
        var options = new ScoringOptions(24, 0.01, 7);

        var full = LifetimeValueScorer.Score(Purchases, Spend, data, options);
        var half = LifetimeValueScorer.Score(Purchases, Spend, data, options, [.. Enumerable.Repeat(0.5, data.Count)]);

        for (var i = 0; i < data.Count; i++)
        {
            Assert.Equal(full.LifetimeValue[i] / 2, half.LifetimeValue[i], 1e-12 * full.LifetimeValue[i]);
            Assert.True(double.IsFinite(full.LifetimeValue[i]) && full.LifetimeValue[i] > 0);
        }
    }

    [Fact]
    public void Customers_without_repeat_purchases_are_expected_to_spend_the_population_mean()
    {
        Assert.Equal(Spend.PopulationMeanSpend, GammaGammaModel.ExpectedAverageSpend(Spend, 0, 0));
        Assert.InRange(GammaGammaModel.ExpectedAverageSpend(Spend, 10, 100), Spend.PopulationMeanSpend, 100);
    }
}
