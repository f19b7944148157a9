using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class FrequencyRuleTests
{
    [Fact]
    public void The_nth_purchase_in_the_period_earns_the_bonus_once()
    {
        var engine = new EarningEngine([Frequency(3, 75, CalendarPeriod.Month)]);
        var counters = NoCounters();
        var customer = Customer();

        var points = Enumerable.Range(1, 7)
            .Select(day => Total(engine.Earn(customer, Purchase(10m, November.AddDays(day)), counters)))
            .ToArray();

        Assert.Equal([0L, 0L, 75L, 0L, 0L, 0L, 0L], points);
    }

    [Fact]
    public void With_repeat_every_nth_purchase_earns_the_bonus_and_the_count_restarts_each_period()
    {
        var engine = new EarningEngine([Frequency(2, 20, CalendarPeriod.Week, repeat: true)]);
        var counters = NoCounters();
        var customer = Customer();
        var monday = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        var points = new[] { 0, 1, 2, 3, 4, 7, 8 }
            .Select(day => Total(engine.Earn(customer, Purchase(10m, monday.AddDays(day)), counters)))
            .ToArray();

        // Monday to Friday: purchases 1 to 5; the next Monday and Tuesday start a new ISO week.
        Assert.Equal([0L, 20L, 0L, 20L, 0L, 0L, 20L], points);
    }

    [Fact]
    public void A_punch_card_on_a_category_counts_only_purchases_of_that_category()
    {
        var coffeeCard = Frequency(3, 30, CalendarPeriod.Lifetime, repeat: true, name: "every third coffee", target: Categories("coffee"));
        var engine = new EarningEngine([coffeeCard]);
        var counters = NoCounters();
        var customer = Customer();

        var points = new[] { "coffee", "bread", "coffee", "bread", "coffee" }
            .Select((category, i) => Total(engine.Earn(customer, Basket(November.AddDays(i), new EarningLine(category, null, 4m)), counters)))
            .ToArray();

        Assert.Equal([0L, 0L, 0L, 0L, 30L], points);
        Assert.Equal(3m, counters.Get(CounterKeys.RulePurchases(coffeeCard.Id, CalendarPeriod.Lifetime, November)));
    }
}
