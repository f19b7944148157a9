using Crm.Loyalty.Model.Partners;

namespace Crm.Loyalty.Tests.Partners;

public sealed class SettlementPeriodTests
{
    [Fact]
    public void Last_calendar_month_runs_from_its_first_day_to_the_first_of_this_month_in_utc()
    {
        var period = SettlementPeriod.LastCalendarMonth(new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.FromHours(2)));

        // 00:30 on 1 March at UTC+2 is still 28 February in UTC: last month is January.
        Assert.Equal(new SettlementPeriod(new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)), period);
    }

    [Fact]
    public void In_january_last_calendar_month_is_december_of_the_year_before()
    {
        var period = SettlementPeriod.LastCalendarMonth(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new SettlementPeriod(new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), period);
    }
}
