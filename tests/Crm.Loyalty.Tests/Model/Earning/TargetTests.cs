using Crm.Loyalty.Model.Earning;
using static Crm.Loyalty.Tests.Model.Earning.Rules;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class TargetTests
{
    private static readonly DateTimeOffset Day = November.AddDays(4);

    [Fact]
    public void A_segment_target_applies_to_customers_in_any_listed_segment()
    {
        var engine = new EarningEngine([Base(1m, target: RuleTarget.Everyone with { Segments = ["families", "Students"] })]);

        Assert.Single(engine.Earn(Customer(null, "students", "city"), Purchase(10m), NoCounters()));
        Assert.Single(engine.Earn(Customer(null, "families"), Purchase(10m), NoCounters()));
        Assert.Empty(engine.Earn(Customer(null, "city"), Purchase(10m), NoCounters()));
    }

    [Fact]
    public void A_tier_target_applies_only_to_members_of_a_listed_tier()
    {
        var engine = new EarningEngine([Base(1m, target: RuleTarget.Everyone with { Tiers = ["gold", "platinum"] })]);

        Assert.Single(engine.Earn(Customer("Gold"), Purchase(10m), NoCounters()));
        Assert.Empty(engine.Earn(Customer("silver"), Purchase(10m), NoCounters()));
        Assert.Empty(engine.Earn(Customer(), Purchase(10m), NoCounters()));
    }

    [Fact]
    public void A_channel_target_applies_only_to_purchases_through_a_listed_channel()
    {
        var engine = new EarningEngine([Base(1m, target: RuleTarget.Everyone with { Channels = ["online"] })]);

        Assert.Single(engine.Earn(Customer(), Purchase(10m, channel: "ONLINE"), NoCounters()));
        Assert.Empty(engine.Earn(Customer(), Purchase(10m, channel: "store"), NoCounters()));
    }

    [Fact]
    public void A_category_target_counts_only_the_spend_on_listed_categories()
    {
        var engine = new EarningEngine([Base(1m, target: Categories("Toys", "books"))]);

        var award = Assert.Single(engine.Earn(Customer(),
            Basket(Day, new EarningLine("toys", null, 30m), new EarningLine("BOOKS", null, 12.5m), new EarningLine("food", null, 70m)), NoCounters()));

        Assert.Equal(42, award.Points);
    }

    [Fact]
    public void A_sku_target_counts_only_the_spend_on_listed_skus()
    {
        var engine = new EarningEngine([Base(10m, target: RuleTarget.Everyone with { Skus = ["sku-42"] })]);

        var award = Assert.Single(engine.Earn(Customer(),
            Basket(Day, new EarningLine("toys", "SKU-42", 5m), new EarningLine("toys", "sku-43", 8m), new EarningLine("toys", null, 3m)), NoCounters()));

        Assert.Equal(50, award.Points);
    }

    [Fact]
    public void Listing_categories_and_skus_counts_lines_of_either()
    {
        var engine = new EarningEngine([Base(1m, target: RuleTarget.Everyone with { Categories = ["toys"], Skus = ["wine-7"] })]);

        var award = Assert.Single(engine.Earn(Customer(),
            Basket(Day, new EarningLine("toys", null, 30m), new EarningLine("drinks", "wine-7", 20m), new EarningLine("drinks", "beer-1", 9m)), NoCounters()));

        Assert.Equal(50, award.Points);
    }

    [Fact]
    public void A_purchase_without_targeted_lines_earns_nothing_under_a_targeted_rule()
    {
        var engine = new EarningEngine([Base(1m, target: Categories("toys"))]);

        Assert.Empty(engine.Earn(Customer(), Basket(Day, new EarningLine("food", null, 70m)), NoCounters()));
    }
}
