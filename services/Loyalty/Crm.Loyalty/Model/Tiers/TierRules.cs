using System.Globalization;
using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Model.Tiers;

/// <summary>
/// Tier reviews: a member moves up as soon as their qualifying amount reaches a higher level, straight to the highest
/// level reached; moving down follows the policy — never (None), once a calendar period later than the one in which
/// the shortfall began has started (AtPeriodEnd), or after N days below without a break (AfterDays) — and goes to the
/// level the amount qualifies for then. Getting back to the tier's threshold clears the shortfall. Review whenever
/// the qualifying amount changes and at least daily, so "without a break" and period ends are seen.
/// </summary>
public static class TierRules
{
    public static TierDecision Decide(TierPolicy policy, TierStanding current, decimal qualifyingAmount, DateTimeOffset now)
    {
        var levels = policy.Levels;
        if (levels is not { Count: > 0 })
        {
            throw new ArgumentException("The tier policy has no levels; validate it with TierPolicyDefinition first.", nameof(policy));
        }

        var reached = 0;
        for (var i = 1; i < levels.Count; i++)
        {
            if (qualifyingAmount >= levels[i].Threshold)
            {
                reached = i;
            }
        }

        var held = -1;
        for (var i = 0; i < levels.Count; i++)
        {
            if (string.Equals(levels[i].Name, current.Tier, StringComparison.OrdinalIgnoreCase))
            {
                held = i;
            }
        }

        var amount = qualifyingAmount.ToString("0.##", CultureInfo.InvariantCulture);
        if (held < 0)
        {
            return Move(current, levels[reached], now, $"{current.Tier} is not a tier of the policy; {amount} qualifies for {levels[reached].Name}.");
        }

        if (reached > held)
        {
            return Move(current, levels[reached], now, $"{amount} reached the {levels[reached].Name} threshold of {Threshold(levels[reached])}.");
        }

        if (reached == held)
        {
            var reason = current.BelowSince is null
                ? $"{amount} still qualifies for {current.Tier}."
                : $"{amount} is back at the {current.Tier} threshold of {Threshold(levels[held])}; the shortfall is cleared.";
            return new TierDecision(current with { BelowSince = null }, false, null, null, reason);
        }

        var belowSince = current.BelowSince ?? now;
        var shortfall = string.Create(CultureInfo.InvariantCulture,
            $"{amount} is below the {current.Tier} threshold of {Threshold(levels[held])} since {belowSince:yyyy-MM-dd}");
        switch (policy.Downgrade)
        {
            case DowngradePolicy.AtPeriodEnd:
                var period = policy.DowngradePeriod ?? CalendarPeriod.Year;
                if (PeriodKeys.StartOf(period, now) > PeriodKeys.StartOf(period, belowSince))
                {
                    return Move(current, levels[reached], now, $"{shortfall} and that {period.ToString().ToLowerInvariant()} has ended.");
                }

                return Stay(current, belowSince, $"{shortfall}; the downgrade waits for the end of {PeriodKeys.For(period, belowSince)}.");
            case DowngradePolicy.AfterDays:
                var days = policy.DowngradeAfterDays ?? 0;
                if (now - belowSince >= TimeSpan.FromDays(days))
                {
                    return Move(current, levels[reached], now, $"{shortfall}, {days} days or more.");
                }

                return Stay(current, belowSince, $"{shortfall}; the downgrade comes after {days} days below.");
            default:
                return Stay(current, belowSince, $"{shortfall}; the policy never downgrades.");
        }
    }

    private static TierDecision Move(TierStanding current, TierLevel to, DateTimeOffset now, FormattableString reason) =>
        new(new TierStanding(to.Name, now, null), true, current.Tier, to.Name, reason.ToString(CultureInfo.InvariantCulture));

    private static TierDecision Stay(TierStanding current, DateTimeOffset belowSince, FormattableString reason) =>
        new(current with { BelowSince = belowSince }, false, null, null, reason.ToString(CultureInfo.InvariantCulture));

    private static string Threshold(TierLevel level) => level.Threshold.ToString("0.##", CultureInfo.InvariantCulture);
}
