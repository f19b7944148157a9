using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class EventRuleTests
{
    private static EarningEvent Happened(string eventType, DateTimeOffset? at = null) => new(Guid.NewGuid(), eventType, at ?? November.AddDays(3));

    [Theory]
    [InlineData(EarningEventTypes.SurveyCompleted, 50)]
    [InlineData(EarningEventTypes.Referral, 500)]
    [InlineData(EarningEventTypes.Birthday, 250)]
    [InlineData(EarningEventTypes.ProfileCompleted, 100)]
    public void Each_event_type_earns_the_bonus_of_its_own_rule(string eventType, long expected)
    {
        var engine = new EarningEngine([
            Event(EarningEventTypes.SurveyCompleted, 50, "survey"),
            Event(EarningEventTypes.Referral, 500, "referral"),
            Event(EarningEventTypes.Birthday, 250, "birthday"),
            Event(EarningEventTypes.ProfileCompleted, 100, "profile"),
        ]);

        var award = Assert.Single(engine.Award(Customer(), Happened(eventType), NoCounters()));

        Assert.Equal(expected, award.Points);
        Assert.Equal(EarnRuleKind.Event, award.Kind);
    }

    [Fact]
    public void Event_rules_do_not_pay_for_purchases_and_purchase_rules_do_not_pay_for_events()
    {
        var engine = new EarningEngine([Base(1m), Event(EarningEventTypes.Birthday, 250)]);

        Assert.Equal(EarnRuleKind.Base, Assert.Single(engine.Earn(Customer(), Purchase(10m), NoCounters())).Kind);
        Assert.Equal(EarnRuleKind.Event, Assert.Single(engine.Award(Customer(), Happened("Birthday"), NoCounters())).Kind);
    }

    [Fact]
    public void A_birthday_capped_per_year_pays_once_a_year()
    {
        var birthday = Event(EarningEventTypes.Birthday, 250) with { Cap = new PointsCap(250, CalendarPeriod.Year) };
        var engine = new EarningEngine([birthday]);
        var counters = NoCounters();
        var customer = Customer();

        var thisYear = engine.Award(customer, Happened(EarningEventTypes.Birthday), counters);
        var again = engine.Award(customer, Happened(EarningEventTypes.Birthday, November.AddDays(10)), counters);
        var nextYear = engine.Award(customer, Happened(EarningEventTypes.Birthday, November.AddYears(1)), counters);

        Assert.Equal(250, Total(thisYear));
        Assert.Empty(again);
        Assert.Equal(250, Total(nextYear));
    }

    [Fact]
    public void An_event_rule_for_a_segment_pays_only_its_members()
    {
        var engine = new EarningEngine([Event(EarningEventTypes.Referral, 500, target: RuleTarget.Everyone with { Segments = ["ambassadors"] })]);

        Assert.Single(engine.Award(Customer(null, "ambassadors"), Happened(EarningEventTypes.Referral), NoCounters()));
        Assert.Empty(engine.Award(Customer(null, "new"), Happened(EarningEventTypes.Referral), NoCounters()));
    }
}
