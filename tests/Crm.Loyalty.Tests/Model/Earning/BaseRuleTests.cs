using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class BaseRuleTests
{
    [Fact]
    public void A_base_rule_gives_points_per_currency_unit_of_net_spend_and_names_itself()
    {
        var rule = Base(2m, name: "Two points per euro");
        var engine = new EarningEngine([rule]);

        var award = Assert.Single(engine.Earn(Customer(), Purchase(120m), NoCounters()));

        Assert.Equal(240, award.Points);
        Assert.Equal(rule.Id, award.RuleId);
        Assert.Equal(1, award.RuleVersion);
        Assert.Equal("Two points per euro", award.RuleName);
        Assert.Equal(EarnRuleKind.Base, award.Kind);
        Assert.Equal("2 points per unit of 120 net spend = 240 points", award.Explanation);
    }

    [Fact]
    public void Each_award_is_rounded_down_on_its_own()
    {
        var engine = new EarningEngine([Base(1.5m, "earn"), Base(0.5m, "loyalty club", priority: 11)]);

        var awards = engine.Earn(Customer(), Purchase(33.33m), NoCounters());

        // 49.995 and 16.665 round down separately: 49 + 16, not floor(66.66) = 66.
        Assert.Equal([49L, 16L], awards.Select(award => award.Points));
        Assert.Contains("49.995, rounded down to 49 points", awards[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Awards_that_round_to_zero_points_are_not_returned()
    {
        var engine = new EarningEngine([Base(1m)]);

        Assert.Empty(engine.Earn(Customer(), Purchase(0.99m), NoCounters()));
    }

    [Fact]
    public void A_purchase_with_no_positive_net_amount_earns_nothing_and_counts_nothing()
    {
        var engine = new EarningEngine([Base(1m)]);
        var counters = NoCounters();

        Assert.Empty(engine.Earn(Customer(), Purchase(0m), counters));
        Assert.Empty(engine.Earn(Customer(), Purchase(-25m), counters));
        Assert.Empty(counters.Changed);
    }

    [Fact]
    public void Every_purchase_counts_once_in_each_period_a_frequency_rule_counts_in_and_in_no_other()
    {
        var engine = new EarningEngine([Frequency(10, 5, CalendarPeriod.Month, name: "monthly"), Frequency(3, 5, CalendarPeriod.Week, name: "weekly")]);
        var counters = EarningCounters.Load([KeyValuePair.Create("purchases|m:2026-11", 4m)]);

        engine.Earn(Customer(), Purchase(10m, November.AddDays(22)), counters);

        Assert.Equal(5m, counters.Changed["purchases|m:2026-11"]);
        Assert.Equal(1m, counters.Changed["purchases|w:2026-W48"]);
        Assert.Equal(2, counters.Changed.Count);
    }
}
