namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// The names of the counters earn rules keep per customer. Rule counters are keyed by rule id, not version, so a new
/// version of a rule keeps the spend, purchases and capped points already counted in the current period.
/// </summary>
public static class CounterKeys
{
    /// <summary>Every purchase of the customer in the period, whichever rules applied.</summary>
    public static string Purchases(CalendarPeriod period, DateTimeOffset at) => $"purchases|{PeriodKeys.For(period, at)}";

    /// <summary>Purchases that a frequency rule restricted to some channels, categories or skus counted in the period.</summary>
    public static string RulePurchases(Guid ruleId, CalendarPeriod period, DateTimeOffset at) => $"purchases|{ruleId:N}|{PeriodKeys.For(period, at)}";

    /// <summary>The spend a threshold rule targets, summed over the period.</summary>
    public static string TargetedSpend(Guid ruleId, CalendarPeriod period, DateTimeOffset at) => $"spend|{ruleId:N}|{PeriodKeys.For(period, at)}";

    /// <summary>Points a capped rule has given in the cap's period.</summary>
    public static string RulePoints(Guid ruleId, CalendarPeriod period, DateTimeOffset at) => $"points|{ruleId:N}|{PeriodKeys.For(period, at)}";
}
