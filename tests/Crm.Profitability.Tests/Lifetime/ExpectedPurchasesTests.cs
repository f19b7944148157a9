using Crm.Profitability.Model.Lifetime;

namespace Crm.Profitability.Tests.Lifetime;

/// <summary>
/// The conditional expectation's hypergeometric term, evaluated through Euler's transformation, agrees with the
/// paper's direct form where that converges, and stays finite where the direct form breaks down.
/// </summary>
public sealed class ExpectedPurchasesTests
{
    private static readonly BgNbdParameters Cdnow = new(0.2426, 4.4135, 0.7929, 2.4258);

    [Theory]
    [InlineData(0, 0, 38.86, 39)]
    [InlineData(2, 30.43, 38.86, 39)]
    [InlineData(1, 1.71, 38.86, 10)]
    [InlineData(7, 35, 36, 52)]
    [InlineData(25, 20, 32, 26)]
    public void Matches_the_direct_hypergeometric_series(int x, double tx, double T, double t)
    {
        foreach (var parameters in new[] { Cdnow, Cdnow with { A = 1.7, B = 0.6 }, Cdnow with { A = 0.3, R = 2.5 } })
        {
            var expected = DirectForm(parameters, x, tx, T, t);

            Assert.Equal(expected, BgNbdModel.ExpectedPurchases(parameters, x, tx, T, t), 1e-10 * Math.Max(1, expected));
        }
    }

    [Fact]
    public void At_a_equal_to_one_the_limit_is_continuous()
    {
        var atOne = BgNbdModel.ExpectedPurchases(Cdnow with { A = 1 }, 3, 20, 30, 39);
        var below = BgNbdModel.ExpectedPurchases(Cdnow with { A = 1 - 1e-7 }, 3, 20, 30, 39);
        var above = BgNbdModel.ExpectedPurchases(Cdnow with { A = 1 + 1e-7 }, 3, 20, 30, 39);

        Assert.True(double.IsFinite(atOne) && atOne > 0);
        Assert.Equal(atOne, below, 1e-6);
        Assert.Equal(atOne, above, 1e-6);
    }

    [Fact]
    public void Ten_thousand_purchases_give_a_finite_expectation_below_the_purchase_rate_times_the_horizon()
    {
        const int x = 10_000;
        // Bought up to the end of the period, so almost surely alive.
        var expected = BgNbdModel.ExpectedPurchases(Cdnow, x, 39, 39, 39);
        var withoutDropout = (Cdnow.R + x) / (Cdnow.Alpha + 39) * 39;

        Assert.True(double.IsFinite(expected), $"got {expected}");
        Assert.InRange(expected, 0.5 * withoutDropout, withoutDropout);
    }

    [Fact]
    public void Probability_alive_is_finite_for_huge_frequencies()
    {
        Assert.Equal(0, BgNbdModel.ProbabilityAlive(Cdnow, 1_000_000_000, 30, 39), 1e-12);
        Assert.InRange(BgNbdModel.ProbabilityAlive(Cdnow, 1_000_000_000, 39, 39), 0.999, 1);
        Assert.InRange(BgNbdModel.ExpectedPurchases(Cdnow, 1_000_000_000, 30, 39, 39), 0, 1e-12);
    }

    [Fact]
    public void A_customer_without_repeat_purchases_is_alive_and_expectations_grow_with_the_horizon()
    {
        Assert.Equal(1, BgNbdModel.ProbabilityAlive(Cdnow, 0, 0, 20));
        Assert.Equal(0, BgNbdModel.ExpectedPurchases(Cdnow, 2, 10, 20, 0));
        var horizons = new[] { 1.0, 4, 13, 26, 52, 104 };
        var expectations = horizons.Select(t => BgNbdModel.ExpectedPurchases(Cdnow, 2, 10, 20, t)).ToArray();
        Assert.Equal(expectations.Order(), expectations);
    }

    /// <summary>
    /// The paper's form, (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)] · P(alive), with the
    /// hypergeometric function summed term by term.
    /// </summary>
    private static double DirectForm(BgNbdParameters p, int x, double tx, double T, double t)
    {
        var z = t / (p.Alpha + T + t);
        double a = p.R + x, b = p.B + x, c = p.A + p.B + x - 1;
        double term = 1, sum = 1;
        for (var k = 0; k < 100_000 && Math.Abs(term) > 1e-17 * Math.Abs(sum); k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
        }

        var bracket = 1 - Math.Pow((p.Alpha + T) / (p.Alpha + T + t), p.R + x) * sum;
        return (p.A + p.B + x - 1) / (p.A - 1) * bracket * BgNbdModel.ProbabilityAlive(p, x, tx, T);
    }
}
