using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class MultiplierRuleTests
{
    private static readonly DateTimeOffset Day = November.AddDays(5);

    [Fact]
    public void Triple_points_on_a_category_gives_that_categorys_base_points_twice_more_as_its_own_award()
    {
        var triple = Multiplier(3m, "Triple points on toys", target: Categories("toys"));
        var engine = new EarningEngine([Base(1m), triple]);

        var awards = engine.Earn(Customer(), Basket(Day, new EarningLine("toys", "LEGO-1", 30m), new EarningLine("food", null, 70m)), NoCounters());

        Assert.Equal([100L, 60L], awards.Select(award => award.Points));
        Assert.Equal(triple.Id, awards[1].RuleId);
        Assert.Equal(EarnRuleKind.Multiplier, awards[1].Kind);
        Assert.Equal("×3 on spend on toys: 2 × 30 base points earned on it = 60 points", awards[1].Explanation);
    }

    [Fact]
    public void Double_points_on_everything_doubles_what_the_base_rules_gave()
    {
        var engine = new EarningEngine([Base(1m), Base(0.5m, "club", priority: 11), Multiplier(2m)]);

        var awards = engine.Earn(Customer(), Purchase(100m), NoCounters());

        Assert.Equal([100L, 50L, 150L], awards.Select(award => award.Points));
    }

    [Fact]
    public void A_multiplier_counts_only_base_points_earned_on_the_spend_both_rules_target()
    {
        var toysBase = Base(2m, "toys earn double rate", target: Categories("toys"));
        var engine = new EarningEngine([toysBase, Multiplier(2m, "double on everything")]);

        var awards = engine.Earn(Customer(), Basket(Day, new EarningLine("toys", null, 30m), new EarningLine("food", null, 70m)), NoCounters());

        Assert.Equal([60L, 60L], awards.Select(award => award.Points));
    }

    [Fact]
    public void A_multiplier_doubles_the_base_points_whatever_its_priority()
    {
        var engine = new EarningEngine([Multiplier(2m, priority: 0), Base(1m, priority: 10)]);

        var awards = engine.Earn(Customer(), Purchase(100m), NoCounters());

        Assert.Equal([(EarnRuleKind.Base, 100L), (EarnRuleKind.Multiplier, 100L)], awards.Select(award => (award.Kind, award.Points)));
    }

    [Fact]
    public void Multipliers_keep_their_priority_order_among_themselves_and_each_counts_only_the_base_points()
    {
        var engine = new EarningEngine([Multiplier(3m, "triple", priority: 2), Multiplier(2m, "double", priority: 1), Base(1m, priority: 10)]);

        var awards = engine.Earn(Customer(), Purchase(100m), NoCounters());

        Assert.Equal([("base", 100L), ("double", 100L), ("triple", 200L)], awards.Select(award => (award.RuleName, award.Points)));
    }

    [Fact]
    public void A_stop_after_base_rule_ends_the_evaluation_before_the_multipliers_even_one_ordered_before_it()
    {
        var exclusiveRate = Base(3m, "staff rate", priority: 5) with { StopAfter = true };
        var engine = new EarningEngine([Multiplier(2m, priority: 0), exclusiveRate]);

        var award = Assert.Single(engine.Earn(Customer(), Purchase(100m), NoCounters()));

        Assert.Equal(("staff rate", 300L), (award.RuleName, award.Points));
    }

    [Fact]
    public void A_stop_after_bonus_ordered_after_a_multiplier_does_not_cancel_its_doubling_of_the_base_rules_before_it()
    {
        var bigSpend = Threshold(50m, 500, CalendarPeriod.Lifetime, priority: 3) with { StopAfter = true };
        var engine = new EarningEngine([Base(1m, priority: 1), Multiplier(2m, priority: 2), bigSpend, Base(0.5m, "club", priority: 4)]);

        var awards = engine.Earn(Customer(), Purchase(100m), NoCounters());

        Assert.Equal([("base", 100L), ("promotion", 100L), ("spend bonus", 500L)], awards.Select(award => (award.RuleName, award.Points)));
    }

    [Fact]
    public void A_multiplier_at_the_default_priority_doubles_the_base_rules_before_a_stop_after_bonus_and_only_those()
    {
        var bigSpend = Threshold(1_000m, 500, CalendarPeriod.Lifetime, priority: 3) with { StopAfter = true };
        var engine = new EarningEngine([Multiplier(2m, priority: 0), Base(1m, priority: 1), bigSpend, Base(0.5m, "club", priority: 4)]);

        var awards = engine.Earn(Customer(), Purchase(100m), NoCounters());

        Assert.Equal([("base", 100L), ("promotion", 100L), ("club", 50L)], awards.Select(award => (award.RuleName, award.Points)));
    }
}
