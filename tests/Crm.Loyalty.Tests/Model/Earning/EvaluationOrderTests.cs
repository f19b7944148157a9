using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class EvaluationOrderTests
{
    [Fact]
    public void Rules_run_by_priority_then_by_name()
    {
        var engine = new EarningEngine([
            Threshold(10m, 5, CalendarPeriod.Month, name: "c", priority: 2),
            Threshold(10m, 5, CalendarPeriod.Month, name: "b", priority: 1),
            Threshold(10m, 5, CalendarPeriod.Month, name: "a", priority: 2),
        ]);

        var awards = engine.Earn(Customer(), Purchase(20m), NoCounters());

        Assert.Equal(["b", "a", "c"], awards.Select(award => award.RuleName));
    }

    [Fact]
    public void A_stop_after_rule_that_gave_points_stops_the_rules_after_it()
    {
        var staffRate = Base(3m, "staff rate", priority: 1, target: RuleTarget.Everyone with { Segments = ["staff"] }) with { StopAfter = true };
        var engine = new EarningEngine([staffRate, Base(1m, "base", priority: 10), Multiplier(2m, priority: 20)]);

        var staff = engine.Earn(Customer(null, "staff"), Purchase(100m), NoCounters());
        var member = engine.Earn(Customer(), Purchase(100m), NoCounters());

        Assert.Equal(["staff rate"], staff.Select(award => award.RuleName));
        Assert.Equal(300, Total(staff));
        Assert.Equal(["base", "promotion"], member.Select(award => award.RuleName));
    }

    [Fact]
    public void A_stop_after_rule_that_gave_nothing_does_not_stop_evaluation()
    {
        var bigSpend = Threshold(1_000m, 500, CalendarPeriod.Month, name: "big spender", priority: 1) with { StopAfter = true };
        var engine = new EarningEngine([bigSpend, Base(1m)]);

        var awards = engine.Earn(Customer(), Purchase(100m), NoCounters());

        Assert.Equal(["base"], awards.Select(award => award.RuleName));
    }

    [Fact]
    public void Spend_still_counts_towards_a_threshold_when_an_earlier_rule_stopped_evaluation()
    {
        var stopper = Base(1m, priority: 1) with { StopAfter = true };
        var threshold = Threshold(150m, 100, CalendarPeriod.Month, priority: 2);
        var engine = new EarningEngine([stopper, threshold]);
        var counters = NoCounters();

        var awards = engine.Earn(Customer(), Purchase(100m), counters);

        Assert.Equal(["base"], awards.Select(award => award.RuleName));
        Assert.Equal(100m, counters.Get(CounterKeys.TargetedSpend(threshold.Id, CalendarPeriod.Month, November.AddDays(9))));
    }

    [Fact]
    public void Only_the_latest_version_of_a_rule_takes_part()
    {
        var first = Base(1m);
        var revised = first with { Version = 2, PointsPerUnit = 2m };
        var engine = new EarningEngine([revised, first]);

        var award = Assert.Single(engine.Earn(Customer(), Purchase(50m), NoCounters()));

        Assert.Equal(100, award.Points);
        Assert.Equal(2, award.RuleVersion);
    }
}
