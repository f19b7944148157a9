using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class ReturnReversalTests
{
    [Fact]
    public void A_partial_return_takes_back_its_share_of_the_points_rounded_down()
    {
        Assert.Equal(25, ReturnReversal.PointsToReverse(100, 0, 200m, 50m, 0m));
        Assert.Equal(33, ReturnReversal.PointsToReverse(100, 0, 90m, 30m, 0m));
    }

    [Fact]
    public void Successive_returns_of_the_whole_purchase_take_back_exactly_what_it_earned()
    {
        long reversed = 0;
        decimal returned = 0;
        var taken = new List<long>();
        foreach (var net in new[] { 30m, 30m, 30m })
        {
            var points = ReturnReversal.PointsToReverse(100, reversed, 90m, net, returned);
            taken.Add(points);
            reversed += points;
            returned += net;
        }

        Assert.Equal([33L, 33L, 34L], taken);
        Assert.Equal(100, reversed);
    }

    [Fact]
    public void Rounding_does_not_drift_over_many_small_returns()
    {
        long reversed = 0;
        for (var i = 1; i <= 7; i++)
        {
            reversed += ReturnReversal.PointsToReverse(10, reversed, 70m, 10m, (i - 1) * 10m);
            Assert.Equal(10 * i / 7, reversed);
        }
    }

    [Fact]
    public void A_return_never_takes_back_more_than_is_left()
    {
        Assert.Equal(20, ReturnReversal.PointsToReverse(100, 80, 100m, 150m, 0m));
        Assert.Equal(0, ReturnReversal.PointsToReverse(100, 100, 100m, 10m, 90m));
        // Points already taken back by an earlier adjustment are not taken twice.
        Assert.Equal(0, ReturnReversal.PointsToReverse(100, 60, 100m, 50m, 0m));
    }
}
