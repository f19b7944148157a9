using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class PeriodKeysTests
{
    [Theory]
    [InlineData(CalendarPeriod.Day, "2026-11-23T10:00:00Z", "d:2026-11-23")]
    [InlineData(CalendarPeriod.Week, "2026-11-23T10:00:00Z", "w:2026-W48")]
    [InlineData(CalendarPeriod.Week, "2027-01-01T10:00:00Z", "w:2026-W53")]
    [InlineData(CalendarPeriod.Week, "2024-12-30T10:00:00Z", "w:2025-W01")]
    [InlineData(CalendarPeriod.Month, "2026-11-23T10:00:00Z", "m:2026-11")]
    [InlineData(CalendarPeriod.Quarter, "2026-11-23T10:00:00Z", "q:2026-Q4")]
    [InlineData(CalendarPeriod.Quarter, "2026-04-01T00:00:00Z", "q:2026-Q2")]
    [InlineData(CalendarPeriod.Year, "2026-11-23T10:00:00Z", "y:2026")]
    [InlineData(CalendarPeriod.Lifetime, "2026-11-23T10:00:00Z", "l")]
    [InlineData(CalendarPeriod.Month, "2026-12-01T00:30:00+01:00", "m:2026-11")]
    public void Period_keys_name_the_utc_calendar_period_with_iso_weeks(CalendarPeriod period, string at, string key) =>
        Assert.Equal(key, PeriodKeys.For(period, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(CalendarPeriod.Day, "2026-11-26T00:00:00Z")]
    [InlineData(CalendarPeriod.Week, "2026-11-23T00:00:00Z")]
    [InlineData(CalendarPeriod.Month, "2026-11-01T00:00:00Z")]
    [InlineData(CalendarPeriod.Quarter, "2026-10-01T00:00:00Z")]
    [InlineData(CalendarPeriod.Year, "2026-01-01T00:00:00Z")]
    public void A_period_starts_at_midnight_utc_of_its_first_day(CalendarPeriod period, string start) =>
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            PeriodKeys.StartOf(period, new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero)));
}
