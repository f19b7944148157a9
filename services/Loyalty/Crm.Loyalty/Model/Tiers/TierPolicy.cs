using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Model.Tiers;

/// <summary>
/// The tier ladder of the programme: what qualifies (points earned or spend over the last <see cref="WindowDays"/>
/// days), the levels from the entry tier (threshold 0) upwards, and how members who fall short are downgraded
/// (<see cref="DowngradeAfterDays"/> for <see cref="DowngradePolicy.AfterDays"/>, <see cref="DowngradePeriod"/> for
/// <see cref="DowngradePolicy.AtPeriodEnd"/>). Check it with <see cref="TierPolicyDefinition.Validate"/>.
/// </summary>
public sealed record TierPolicy(
    TierQualification QualifyOn,
    int WindowDays,
    IReadOnlyList<TierLevel> Levels,
    DowngradePolicy Downgrade,
    int? DowngradeAfterDays,
    CalendarPeriod? DowngradePeriod)
{
    /// <summary>Where the rolling qualification window starts for a decision made at <paramref name="now"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now.AddDays(-WindowDays);
}
