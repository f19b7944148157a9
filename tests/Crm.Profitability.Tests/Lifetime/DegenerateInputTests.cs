using Crm.Profitability.Model.Lifetime;
using MathNet.Numerics.Distributions;

namespace Crm.Profitability.Tests.Lifetime;

/// <summary>Data that cannot support the models are refused with a message a user can act on, never NaN.</summary>
public sealed class DegenerateInputTests
{
    [Fact]
    public void No_customers_are_refused()
    {
        var empty = new CustomerBaseSummary([], [], [], []);

        Assert.Contains("no customers", Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(empty)).Message);
        Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(empty));
    }

    [Fact]
    public void One_customer_is_refused()
    {
        var one = new CustomerBaseSummary([3], [20], [30], [25]);

        Assert.Contains("only one customer", Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(one)).Message);
        Assert.Contains("Only one repeat customer", Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(one)).Message);
    }

    [Fact]
    public void A_base_without_repeat_buyers_is_refused()
    {
        var nobodyCameBack = new CustomerBaseSummary([0, 0, 0], [0, 0, 0], [30, 20, 10], [0, 0, 0]);

        Assert.Contains("repeat purchase", Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(nobodyCameBack)).Message);
        Assert.Contains("repeat", Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(nobodyCameBack)).Message);
    }

    [Fact]
    public void Repeat_buyers_who_all_spent_nothing_are_refused_by_the_spend_model()
    {
        var zeroSpend = new CustomerBaseSummary([2, 1, 0], [10, 5, 0], [30, 20, 10], [0, 0, 0]);

        var problem = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(zeroSpend));

        Assert.Contains("zero spend", problem.Message);
    }

    [Theory]
    [InlineData(-1, 0, 30, 0, "frequency is negative")]
    [InlineData(2, 31, 30, 10, "later than the age")]
    [InlineData(2, 10, 0, 10, "age T must be a positive")]
    [InlineData(2, double.NaN, 30, 10, "recency t_x must be a number")]
    [InlineData(2, 10, double.PositiveInfinity, 10, "age T must be a positive")]
    [InlineData(2, 10, 30, -5, "monetary value must be a number ≥ 0")]
    [InlineData(2, 10, 30, double.NaN, "monetary value must be a number ≥ 0")]
    public void An_invalid_row_is_refused_naming_its_index(int x, double tx, double T, double monetaryValue, string reason)
    {
        var problem = Assert.Throws<ModelFitException>(() => new CustomerBaseSummary([1, 0, x], [5, 0, tx], [30, 30, T], [10, 0, monetaryValue]));

        Assert.Contains("index 2", problem.Message);
        Assert.Contains(reason, problem.Message);
    }

    [Fact]
    public void Customers_who_all_behave_alike_do_not_identify_the_purchase_model()
    {
        // Everyone bought every week and is still buying: no heterogeneity and no sign of dropout to estimate.
        var alike = new CustomerBaseSummary([.. Enumerable.Repeat(30, 500)], [.. Enumerable.Repeat(30.0, 500)], [.. Enumerable.Repeat(30.0, 500)], [.. Enumerable.Repeat(20.0, 500)]);

        var problem = Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(alike));

        Assert.Contains("do not identify", problem.Message);
    }

    [Fact]
    public void Identical_spend_does_not_identify_the_spend_model()
    {
        var alike = new CustomerBaseSummary([.. Enumerable.Repeat(3, 200)], [.. Enumerable.Repeat(20.0, 200)], [.. Enumerable.Repeat(30.0, 200)], [.. Enumerable.Repeat(20.0, 200)]);

        var problem = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(alike));

        Assert.Contains("do not identify", problem.Message);
    }

    [Fact]
    public void Spend_so_heavy_tailed_that_its_mean_is_infinite_is_refused()
    {
        // Log-normal amounts with σ = 3, at evenly spaced quantiles: a few amounts are millions of times the median.
        const int customers = 2000;
        double[] amounts = [.. Enumerable.Range(0, customers).Select(i => Math.Exp(3 * Normal.InvCDF(0, 1, (i + 0.5) / customers)))];
        int[] frequency = [.. Enumerable.Range(0, customers).Select(i => 1 + i % 3)];
        var data = new CustomerBaseSummary(frequency, [.. frequency.Select(_ => 5.0)], [.. frequency.Select(_ => 10.0)], amounts);

        var problem = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(data));

        Assert.Contains("infinite", problem.Message);
        Assert.Throws<ModelFitException>(() => new GammaGammaParameters(2, 0.5, 10).PopulationMeanSpend);
        Assert.Contains("Q = 0.5", new GammaGammaParameters(2, 0.5, 10).ToString());
    }
}
