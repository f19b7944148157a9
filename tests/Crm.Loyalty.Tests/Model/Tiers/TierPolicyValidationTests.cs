using Crm.Loyalty.Model.Earning;
using Crm.Loyalty.Model.Tiers;

namespace Crm.Loyalty.Tests.Model.Tiers;

public sealed class TierPolicyValidationTests
{
    private static readonly TierPolicy Valid = new(
        TierQualification.Spend, 365, [new("Bronze", 0), new("Silver", 500), new("Gold", 2_000)], DowngradePolicy.AfterDays, 90, null);

    private static IEnumerable<string> Fields(TierPolicy policy) =>
        Assert.IsType<Crm.ServiceDefaults.ValidationErrors>(TierPolicyDefinition.Validate(policy)).ToDictionary().Keys;

    [Fact]
    public void A_ladder_from_an_entry_tier_upwards_is_valid() => Assert.Null(TierPolicyDefinition.Validate(Valid));

    [Fact]
    public void The_first_level_must_be_the_entry_tier_at_zero() =>
        Assert.Equal(["levels[0].threshold"], Fields(Valid with { Levels = [new("Bronze", 100), new("Silver", 500)] }));

    [Fact]
    public void Thresholds_must_strictly_increase() =>
        Assert.Equal(["levels[2].threshold"], Fields(Valid with { Levels = [new("Bronze", 0), new("Silver", 500), new("Gold", 500)] }));

    [Fact]
    public void Tier_names_are_unique() =>
        Assert.Equal(["levels[1].name"], Fields(Valid with { Levels = [new("Gold", 0), new("gold", 500)] }));

    [Fact]
    public void The_window_is_at_least_a_day() => Assert.Equal(["windowDays"], Fields(Valid with { WindowDays = 0 }));

    [Fact]
    public void Downgrading_after_days_needs_at_least_one_day() =>
        Assert.Equal(["downgradeAfterDays"], Fields(Valid with { DowngradeAfterDays = 0 }));

    [Fact]
    public void Downgrading_at_period_end_needs_a_calendar_period() =>
        Assert.Equal(["downgradePeriod"], Fields(Valid with { Downgrade = DowngradePolicy.AtPeriodEnd, DowngradeAfterDays = null }));

    [Fact]
    public void Settings_of_another_downgrade_policy_are_refused() =>
        Assert.Equal(["downgradePeriod"], Fields(Valid with { DowngradePeriod = CalendarPeriod.Year }));
}
