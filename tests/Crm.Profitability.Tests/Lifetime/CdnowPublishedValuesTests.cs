using Crm.Profitability.Model.Lifetime;
using Crm.Testing.Cdnow;

namespace Crm.Profitability.Tests.Lifetime;

/// <summary>The fits and predictions on CDNOW match Fader, Hardie &amp; Lee's published numbers.</summary>
public sealed class CdnowPublishedValuesTests
{
    private static readonly Lazy<BgNbdFit> Purchases = new(() => BgNbdModel.Fit(CdnowCustomerBase.Summary));
    private static readonly Lazy<GammaGammaFit> Spend = new(() => GammaGammaModel.Fit(CdnowCustomerBase.Summary));

    [CdnowFact]
    public void Purchase_model_fit_matches_the_published_parameters_and_log_likelihood()
    {
        var fit = Purchases.Value;

        AssertSignificantDigits(0.2426, fit.Parameters.R);
        AssertSignificantDigits(4.4135, fit.Parameters.Alpha);
        AssertSignificantDigits(0.7929, fit.Parameters.A);
        AssertSignificantDigits(2.4258, fit.Parameters.B);
        Assert.Equal(-9582.43, fit.LogLikelihood, 0.01);
        Assert.Equal(2357, fit.Customers);
        Assert.Equal(946, fit.RepeatCustomers);
        Assert.Equal(fit.LogLikelihood, BgNbdModel.LogLikelihood(fit.Parameters, CdnowCustomerBase.Summary), 1e-6);
    }

    [CdnowFact]
    public void Purchase_model_standard_errors_match_those_the_lifetimes_package_reports()
    {
        var estimates = Purchases.Value.Estimates;

        Assert.Equal(["r", "alpha", "a", "b"], estimates.Select(estimate => estimate.Name));
        AssertSignificantDigits(0.012557, estimates[0].StandardError);
        AssertSignificantDigits(0.378221, estimates[1].StandardError);
        AssertSignificantDigits(0.185719, estimates[2].StandardError);
        AssertSignificantDigits(0.705345, estimates[3].StandardError);
    }

    [CdnowFact]
    public void Spend_model_fit_matches_the_published_parameters_and_log_likelihood()
    {
        var fit = Spend.Value;

        AssertSignificantDigits(6.2488, fit.Parameters.P);
        AssertSignificantDigits(3.7446, fit.Parameters.Q);
        AssertSignificantDigits(15.4478, fit.Parameters.Gamma);
        Assert.Equal(-4055.92, fit.LogLikelihood, 0.01);
        Assert.Equal(946, fit.Customers);
        Assert.Equal(0, fit.Excluded);
        Assert.Equal(35.17, fit.Parameters.PopulationMeanSpend, 0.005);
    }

    [CdnowFact]
    public void Customer_1_is_expected_to_buy_1_226_times_in_39_weeks_with_p_alive_0_7266()
    {
        var parameters = Purchases.Value.Parameters;

        Assert.Equal(1.226, BgNbdModel.ExpectedPurchases(parameters, 2, 30.43, 38.86, 39), 0.0005);
        Assert.Equal(0.7266, BgNbdModel.ProbabilityAlive(parameters, 2, 30.43, 38.86), 0.0005);
    }

    [CdnowFact]
    public void The_1411_non_repeaters_are_expected_to_buy_about_0_23_times_each_in_39_weeks()
    {
        var data = CdnowCustomerBase.Summary;
        var nonRepeaters = Enumerable.Range(0, data.Count).Where(i => data.Frequency[i] == 0).ToArray();

        var mean = nonRepeaters.Average(i => BgNbdModel.ExpectedPurchases(Purchases.Value.Parameters, 0, 0, data.Age[i], 39));

        Assert.Equal(1411, nonRepeaters.Length);
        Assert.Equal(0.23, Math.Round(mean, 2));
    }

    private static void AssertSignificantDigits(double published, double actual) =>
        Assert.True(Math.Abs(actual - published) <= 5e-4 * Math.Abs(published), $"expected {published} to 3 significant digits, got {actual}");
}
