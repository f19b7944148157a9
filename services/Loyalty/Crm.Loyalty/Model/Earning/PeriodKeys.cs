using System.Globalization;

namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// Names the calendar period a moment falls in ("d:2026-11-23", "w:2026-W47", "m:2026-11", "q:2026-Q4", "y:2026", "l"),
/// so counters stored under the key reset by themselves when the next period starts.
/// </summary>
public static class PeriodKeys
{
    /// <summary>The stable key of the period (UTC, ISO weeks) that <paramref name="at"/> falls in.</summary>
    public static string For(CalendarPeriod period, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return period switch
        {
            CalendarPeriod.Day => string.Create(CultureInfo.InvariantCulture, $"d:{utc:yyyy-MM-dd}"),
            CalendarPeriod.Week => string.Create(CultureInfo.InvariantCulture, $"w:{ISOWeek.GetYear(utc):D4}-W{ISOWeek.GetWeekOfYear(utc):D2}"),
            CalendarPeriod.Month => string.Create(CultureInfo.InvariantCulture, $"m:{utc:yyyy-MM}"),
            CalendarPeriod.Quarter => string.Create(CultureInfo.InvariantCulture, $"q:{utc.Year:D4}-Q{(utc.Month + 2) / 3}"),
            CalendarPeriod.Year => string.Create(CultureInfo.InvariantCulture, $"y:{utc.Year:D4}"),
            CalendarPeriod.Lifetime => "l",
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown calendar period."),
        };
    }

    /// <summary>When the period that <paramref name="at"/> falls in began (UTC); Lifetime began at the start of time.</summary>
    public static DateTimeOffset StartOf(CalendarPeriod period, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var start = period switch
        {
            CalendarPeriod.Day => utc.Date,
            CalendarPeriod.Week => ISOWeek.ToDateTime(ISOWeek.GetYear(utc), ISOWeek.GetWeekOfYear(utc), DayOfWeek.Monday),
            CalendarPeriod.Month => new DateTime(utc.Year, utc.Month, 1),
            CalendarPeriod.Quarter => new DateTime(utc.Year, ((utc.Month - 1) / 3 * 3) + 1, 1),
            CalendarPeriod.Year => new DateTime(utc.Year, 1, 1),
            CalendarPeriod.Lifetime => DateTime.MinValue,
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown calendar period."),
        };
        return new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc));
    }
}
