using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class PromotionSimulationTests
{
    private static DateTimeOffset Nov(int day) => new(2026, 11, day, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Triple_points_on_toys_for_families_replayed_over_last_months_purchases()
    {
        // Planned for 1–15 December, replayed on 1–15 November.
        var planned = Multiplier(3m, "Triple toys for families", target: new RuleTarget(["families"], null, null, ["toys"], null)) with
        {
            EffectiveFrom = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            EffectiveTo = new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero),
        };
        var proposed = PromotionSimulation.ShiftedTo(planned, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var family = Customer(null, "families");
        var single = Customer(null, "singles");
        var otherFamily = Customer(null, "families");
        (EarningCustomer, EarningTransaction)[] purchases =
        [
            (family, Basket(Nov(3), new EarningLine("toys", null, 40m), new EarningLine("food", null, 60m))),       // base 100, +2 × 40 = 80
            (family, Basket(Nov(20), new EarningLine("toys", null, 50m))),                               // base 50, after the window
            (single, Basket(Nov(5), new EarningLine("toys", null, 100m))),                               // base 100, not a family
            (otherFamily, Basket(Nov(10), new EarningLine("food", null, 30m))),                          // base 30, no toys
            (otherFamily, Basket(Nov(14), new EarningLine("toys", null, 25.5m), new EarningLine("food", null, 10m))), // base 35; toys' share 25.5/35.5 of it: +2 × 25.14 = 50
        ];

        var result = new PromotionSimulation([Base(1m)]).Run(proposed, purchases, costPerPoint: 0.01m);

        Assert.Equal(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), proposed.EffectiveTo);
        Assert.Equal(5, result.Transactions);
        Assert.Equal(3, result.Customers);
        Assert.Equal(315, result.PointsWithout);
        Assert.Equal(445, result.PointsWith);
        Assert.Equal(130, result.ExtraPoints);
        Assert.Equal(130, result.PointsFromProposedRule);
        Assert.Equal(2, result.AffectedTransactions);
        Assert.Equal(2, result.AffectedCustomers);
        Assert.Equal(1.30m, result.ExtraCost);
    }

    [Fact]
    public void A_promotion_whose_shifted_end_would_be_past_the_calendar_runs_on_without_an_end()
    {
        var planned = Multiplier(2m) with
        {
            EffectiveFrom = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            EffectiveTo = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero),
        };

        var proposed = PromotionSimulation.ShiftedTo(planned, Nov(1));

        Assert.Equal((Nov(1), (DateTimeOffset?)null), (proposed.EffectiveFrom, proposed.EffectiveTo));
    }

    [Fact]
    public void Counters_start_empty_for_each_customer_in_both_runs()
    {
        var proposed = Threshold(100m, 25, CalendarPeriod.Month);
        var first = Customer();
        var second = Customer();
        (EarningCustomer, EarningTransaction)[] purchases =
        [
            (first, Purchase(60m, Nov(2))),
            (second, Purchase(60m, Nov(3))),
            (first, Purchase(60m, Nov(4))),   // the first customer's spend reaches 120: bonus
            (second, Purchase(30m, Nov(5))),  // the second's only 90
        ];

        var result = new PromotionSimulation([]).Run(proposed, purchases, costPerPoint: 0.02m);

        Assert.Equal(0, result.PointsWithout);
        Assert.Equal(25, result.ExtraPoints);
        Assert.Equal(1, result.AffectedTransactions);
        Assert.Equal(1, result.AffectedCustomers);
        Assert.Equal(0.50m, result.ExtraCost);
    }

    [Fact]
    public void A_proposed_new_version_of_a_current_rule_replaces_it_in_the_simulation()
    {
        var current = Base(1m);
        var revision = current with { Version = 2, PointsPerUnit = 1.5m };

        var result = new PromotionSimulation([current]).Run(revision, [(Customer(), Purchase(100m))], costPerPoint: 0.01m);

        Assert.Equal(100, result.PointsWithout);
        Assert.Equal(150, result.PointsWith);
        Assert.Equal(50, result.ExtraPoints);
    }
}
