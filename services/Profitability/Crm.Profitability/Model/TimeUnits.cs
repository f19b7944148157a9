namespace Crm.Profitability.Model;

/// <summary>The time units a lifetime-value model can count recency and age in.</summary>
public static class TimeUnits
{
    public const string Days = "days";
    public const string Weeks = "weeks";
    public const string Months = "months";

    public static IReadOnlyList<string> All { get; } = [Days, Weeks, Months];

    /// <summary>Days per unit; a month is an average calendar month (365.25 / 12 days).</summary>
    public static double DaysPer(string unit) => unit switch
    {
        Days => 1,
        Weeks => 7,
        Months => 365.25 / 12,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, $"Time unit must be one of {string.Join(", ", All)}."),
    };
}
