using Crm.Loyalty.Model.Earning;
using Crm.Loyalty.Model.Tiers;

namespace Crm.Loyalty.Tests.Model.Tiers;

public sealed class TierRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    private static TierPolicy Policy(DowngradePolicy downgrade, int? afterDays = null, CalendarPeriod? period = null) => new(
        TierQualification.PointsEarned, 365, [new("Bronze", 0), new("Silver", 1_000), new("Gold", 5_000)], downgrade, afterDays, period);

    private static DateTimeOffset Nov(int day) => new(2026, 11, day, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_member_moves_up_at_once_to_the_highest_tier_reached()
    {
        var decision = TierRules.Decide(Policy(DowngradePolicy.None), new TierStanding("Bronze", Start, null), 6_200m, Nov(3));

        Assert.True(decision.Changed);
        Assert.Equal("Bronze", decision.From);
        Assert.Equal("Gold", decision.To);
        Assert.Equal(new TierStanding("Gold", Nov(3), null), decision.Standing);
    }

    [Fact]
    public void A_member_who_still_qualifies_keeps_the_tier_and_since_when()
    {
        var decision = TierRules.Decide(Policy(DowngradePolicy.AfterDays, afterDays: 30), new TierStanding("Silver", Start, null), 1_000m, Nov(3));

        Assert.False(decision.Changed);
        Assert.Equal(new TierStanding("Silver", Start, null), decision.Standing);
    }

    [Fact]
    public void With_no_downgrade_policy_a_tier_is_kept_however_long_the_member_is_below()
    {
        var policy = Policy(DowngradePolicy.None);
        var first = TierRules.Decide(policy, new TierStanding("Gold", Start, null), 10m, Nov(3));
        var yearsLater = TierRules.Decide(policy, first.Standing, 10m, Nov(3).AddYears(3));

        Assert.False(yearsLater.Changed);
        Assert.Equal(new TierStanding("Gold", Start, Nov(3)), yearsLater.Standing);
        Assert.Contains("never downgrades", yearsLater.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void At_period_end_the_downgrade_waits_for_the_next_period_and_goes_to_the_tier_the_amount_qualifies_for()
    {
        var policy = Policy(DowngradePolicy.AtPeriodEnd, period: CalendarPeriod.Month);
        var gold = new TierStanding("Gold", Start, null);

        var fallsShort = TierRules.Decide(policy, gold, 1_200m, Nov(10));
        var endOfMonth = TierRules.Decide(policy, fallsShort.Standing, 1_200m, new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero));
        var nextMonth = TierRules.Decide(policy, endOfMonth.Standing, 1_200m, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.False(fallsShort.Changed);
        Assert.Equal(Nov(10), fallsShort.Standing.BelowSince);
        Assert.False(endOfMonth.Changed);
        Assert.True(nextMonth.Changed);
        Assert.Equal(("Gold", "Silver"), (nextMonth.From, nextMonth.To));
        Assert.Null(nextMonth.Standing.BelowSince);
    }

    [Fact]
    public void After_days_the_downgrade_comes_once_the_member_has_been_below_for_that_many_days()
    {
        var policy = Policy(DowngradePolicy.AfterDays, afterDays: 30);
        var below = TierRules.Decide(policy, new TierStanding("Gold", Start, null), 300m, Nov(1));

        var day29 = TierRules.Decide(policy, below.Standing, 300m, Nov(30).AddHours(-1));
        var day30 = TierRules.Decide(policy, below.Standing, 300m, Nov(1).AddDays(30));

        Assert.False(day29.Changed);
        Assert.True(day30.Changed);
        Assert.Equal("Bronze", day30.To);
    }

    [Fact]
    public void Getting_back_to_the_threshold_clears_the_shortfall_so_the_days_count_again_from_the_next_one()
    {
        var policy = Policy(DowngradePolicy.AfterDays, afterDays: 30);
        var below = TierRules.Decide(policy, new TierStanding("Gold", Start, null), 300m, Nov(1));
        var recovered = TierRules.Decide(policy, below.Standing, 5_000m, Nov(15));
        var belowAgain = TierRules.Decide(policy, recovered.Standing, 300m, Nov(20));
        var december = TierRules.Decide(policy, belowAgain.Standing, 300m, Nov(1).AddDays(30));

        Assert.Null(recovered.Standing.BelowSince);
        Assert.Equal(Nov(20), belowAgain.Standing.BelowSince);
        Assert.False(december.Changed);
        Assert.Equal("Gold", december.Standing.Tier);
    }

    [Fact]
    public void A_member_in_a_tier_the_policy_no_longer_has_is_placed_by_the_amount()
    {
        var decision = TierRules.Decide(Policy(DowngradePolicy.None), new TierStanding("Diamond", Start, null), 1_500m, Nov(3));

        Assert.True(decision.Changed);
        Assert.Equal("Silver", decision.To);
    }
}
