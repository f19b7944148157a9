using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class CapTests
{
    [Fact]
    public void A_cap_cuts_the_award_to_what_is_left_in_the_period_and_says_so()
    {
        var engine = new EarningEngine([Base(1m) with { Cap = new PointsCap(250, CalendarPeriod.Month) }]);
        var counters = NoCounters();
        var customer = Customer();

        var first = Assert.Single(engine.Earn(customer, Purchase(200m, November.AddDays(1)), counters));
        var second = Assert.Single(engine.Earn(customer, Purchase(200m, November.AddDays(2)), counters));
        var third = engine.Earn(customer, Purchase(200m, November.AddDays(3)), counters);

        Assert.Equal(200, first.Points);
        Assert.Equal(50, second.Points);
        Assert.Contains("capped", second.Explanation, StringComparison.Ordinal);
        Assert.Equal("1 point per unit of 200 net spend = 200 points, capped to 50 (at most 250 per m:2026-11)", second.Explanation);
        Assert.Empty(third);
    }

    [Fact]
    public void The_cap_starts_again_in_the_next_period()
    {
        var engine = new EarningEngine([Base(1m) with { Cap = new PointsCap(100, CalendarPeriod.Week) }]);
        var counters = NoCounters();
        var customer = Customer();
        var sunday = new DateTimeOffset(2026, 11, 8, 20, 0, 0, TimeSpan.Zero);

        var sundayPoints = Total(engine.Earn(customer, Purchase(150m, sunday), counters));
        var mondayPoints = Total(engine.Earn(customer, Purchase(150m, sunday.AddHours(5)), counters));

        Assert.Equal(100, sundayPoints);
        Assert.Equal(100, mondayPoints);
        Assert.Equal(100m, counters.Changed["points|" + engine.Rules[0].Id.ToString("N") + "|w:2026-W46"]);
    }

    [Fact]
    public void Caps_already_used_before_the_batch_are_read_from_the_loaded_counters()
    {
        var rule = Base(1m) with { Cap = new PointsCap(1_000, CalendarPeriod.Year) };
        var engine = new EarningEngine([rule]);
        var counters = EarningCounters.Load([KeyValuePair.Create(CounterKeys.RulePoints(rule.Id, CalendarPeriod.Year, November), 990m)]);

        Assert.Equal(10, Total(engine.Earn(Customer(), Purchase(100m), counters)));
    }
}
