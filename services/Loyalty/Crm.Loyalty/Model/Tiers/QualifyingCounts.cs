using System.Globalization;
using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Model.Tiers;

/// <summary>
/// What tiers qualify on, kept as per-day counters next to the earn rules' own: points earned and spend per day. The
/// rolling window's amount is the sum of its days (the window is the last <see cref="TierPolicy.WindowDays"/> days,
/// today included), so placing a member never reads their ledger.
/// </summary>
public static class QualifyingCounts
{
    public const string EarnedPrefix = "earned|d:";
    public const string SpentPrefix = "spent|d:";

    public static string Earned(DateTimeOffset at) => EarnedPrefix + Day(at);

    public static string Spent(DateTimeOffset at) => SpentPrefix + Day(at);

    /// <summary>The first key after the window's start: keys compare as their ISO dates do.</summary>
    public static string WindowStartKey(TierQualification qualifyOn, DateTimeOffset now, int windowDays) =>
        Prefix(qualifyOn) + Day(now.AddDays(-windowDays));

    public static string Prefix(TierQualification qualifyOn) => qualifyOn == TierQualification.Spend ? SpentPrefix : EarnedPrefix;

    /// <summary>The member's qualifying amount now, from their counters.</summary>
    public static decimal Amount(EarningCounters counters, TierPolicy policy, DateTimeOffset now)
    {
        var prefix = Prefix(policy.QualifyOn);
        var after = WindowStartKey(policy.QualifyOn, now, policy.WindowDays);
        return counters.Sum(key => key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(key, after) > 0);
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
