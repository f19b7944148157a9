using Crm.Segmentation.Model.Value;

namespace Crm.Segmentation.Tests.Value;

public sealed class ValueTierTests
{
    [Fact]
    public void Deciles_put_a_tenth_of_a_uniform_base_in_each_and_tiers_follow_the_pyramid()
    {
        var values = Enumerable.Range(1, 1_000).Select(i => (double)i).ToArray();
        var deciles = ValueDeciles.Of(values.ToArray());

        var placed = values.Select(deciles.DecileOf).ToList();

        Assert.All(Enumerable.Range(1, 10), decile => Assert.Equal(100, placed.Count(d => d == decile)));
        var tiers = placed.Select(ValueTiers.OfDecile).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(100, tiers[ValueTiers.Platinum]);
        Assert.Equal(200, tiers[ValueTiers.Gold]);
        Assert.Equal(300, tiers[ValueTiers.Silver]);
        Assert.Equal(400, tiers[ValueTiers.Bronze]);
    }

    [Theory]
    [InlineData(-0.01, ValueTiers.Loss)]
    [InlineData(0, ValueTiers.BreakEven)]
    [InlineData(10, ValueTiers.BreakEven)]
    [InlineData(10.01, ValueTiers.Profitable)]
    public void Profit_bands_split_loss_break_even_and_profit(double profit, string band) =>
        Assert.Equal(band, ValueTiers.ProfitBand((decimal)profit, breakEvenMargin: 10m));

    [Fact]
    public void Stored_cut_points_place_a_value_like_the_ones_computed()
    {
        var computed = ValueDeciles.Of(Enumerable.Range(1, 50).Select(i => i * 3.0).ToArray());
        var stored = ValueDeciles.From(computed.Cuts);

        Assert.Equal(computed.DecileOf(77), stored.DecileOf(77));
        Assert.Throws<ArgumentException>(() => ValueDeciles.From([1, 2, 3]));
    }
}
