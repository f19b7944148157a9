using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class EffectiveWindowTests
{
    [Fact]
    public void A_rule_applies_from_its_start_inclusive_up_to_its_end_exclusive()
    {
        var from = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var blackFriday = Multiplier(2m) with { EffectiveFrom = from, EffectiveTo = from.AddDays(4) };
        var engine = new EarningEngine([Base(1m), blackFriday]);

        long Earned(DateTimeOffset at) => Total(engine.Earn(Customer(), Purchase(100m, at), NoCounters()));

        Assert.Equal(100, Earned(from.AddTicks(-1)));
        Assert.Equal(200, Earned(from));
        Assert.Equal(200, Earned(from.AddDays(4).AddTicks(-1)));
        Assert.Equal(100, Earned(from.AddDays(4)));
    }

    [Fact]
    public void The_window_is_judged_at_the_time_of_the_purchase_whatever_its_offset()
    {
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var engine = new EarningEngine([Base(1m) with { EffectiveFrom = from }]);

        // 00:30 in Paris on 1 December is still 30 November in UTC.
        var paris = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(1));

        Assert.Empty(engine.Earn(Customer(), Purchase(100m, paris), NoCounters()));
        Assert.Single(engine.Earn(Customer(), Purchase(100m, paris.AddHours(1)), NoCounters()));
    }
}
