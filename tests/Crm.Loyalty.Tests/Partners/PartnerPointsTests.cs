using Crm.Loyalty.Model.Partners;

namespace Crm.Loyalty.Tests.Partners;

public sealed class PartnerPointsTests
{
    [Theory]
    [InlineData("33.35", "1.5", 50)]
    [InlineData("10", "2", 20)]
    [InlineData("0.99", "1", 0)]
    [InlineData("1000000000", "10000", 10_000_000_000_000)]
    public void Earning_gives_the_amount_times_the_rate_rounded_down(string amount, string rate, long points)
    {
        Assert.Equal(points, PartnerPoints.Earned(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("1.234", "100", 124)]
    [InlineData("1.25", "100", 125)]
    [InlineData("0.0001", "0.0001", 1)]
    public void Paying_with_points_takes_the_amount_times_the_rate_rounded_up(string amount, string rate, long points)
    {
        Assert.Equal(points, PartnerPoints.Burned(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
