using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class ThresholdRuleTests
{
    [Fact]
    public void The_bonus_comes_once_on_the_purchase_that_takes_the_months_spend_past_the_threshold()
    {
        var engine = new EarningEngine([Threshold(500m, 100, CalendarPeriod.Month)]);
        var counters = NoCounters();
        var customer = Customer();

        var points = new[] { 200m, 200m, 150m, 300m }
            .Select((net, i) => Total(engine.Earn(customer, Purchase(net, November.AddDays(i + 1)), counters)))
            .ToArray();

        Assert.Equal([0L, 0L, 100L, 0L], points);
        Assert.Equal(850m, counters.Get(CounterKeys.TargetedSpend(engine.Rules[0].Id, CalendarPeriod.Month, November)));
    }

    [Fact]
    public void Reaching_the_threshold_exactly_counts_as_crossing_it()
    {
        var engine = new EarningEngine([Threshold(500m, 100, CalendarPeriod.Month)]);

        Assert.Equal(100, Total(engine.Earn(Customer(), Purchase(500m), NoCounters())));
    }

    [Fact]
    public void With_repeat_every_multiple_of_the_threshold_crossed_earns_the_bonus()
    {
        var engine = new EarningEngine([Threshold(500m, 100, CalendarPeriod.Month, repeat: true)]);
        var counters = NoCounters();
        var customer = Customer();

        var points = new[] { 450m, 600m, 100m, 1_000m }
            .Select((net, i) => Total(engine.Earn(customer, Purchase(net, November.AddDays(i + 1)), counters)))
            .ToArray();

        // 450 → 1,050 crosses 500 and 1,000; 1,150 crosses nothing; 2,150 crosses 1,500 and 2,000.
        Assert.Equal([0L, 200L, 0L, 200L], points);
    }

    [Fact]
    public void Spend_counts_again_from_zero_in_the_next_period()
    {
        var engine = new EarningEngine([Threshold(500m, 100, CalendarPeriod.Month)]);
        var counters = NoCounters();
        var customer = Customer();

        Assert.Equal(100, Total(engine.Earn(customer, Purchase(600m, November.AddDays(3)), counters)));
        Assert.Equal(0, Total(engine.Earn(customer, Purchase(600m, November.AddDays(20)), counters)));
        Assert.Equal(100, Total(engine.Earn(customer, Purchase(600m, November.AddMonths(1)), counters)));
    }

    [Fact]
    public void Only_the_targeted_spend_counts_towards_a_targeted_threshold()
    {
        var engine = new EarningEngine([Threshold(100m, 50, CalendarPeriod.Month, target: Categories("wine"))]);
        var counters = NoCounters();
        var customer = Customer();

        var first = engine.Earn(customer, Basket(November.AddDays(2), new EarningLine("wine", null, 60m), new EarningLine("food", null, 200m)), counters);
        var second = engine.Earn(customer, Basket(November.AddDays(4), new EarningLine("wine", null, 45m)), counters);

        Assert.Empty(first);
        Assert.Equal(50, Total(second));
    }
}
