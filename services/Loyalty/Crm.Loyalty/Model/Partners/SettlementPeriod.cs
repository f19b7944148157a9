namespace Crm.Loyalty.Model.Partners;

/// <summary>The transactions a settlement covers: those that occurred from <see cref="From"/> up to, not including, <see cref="To"/>.</summary>
public sealed record SettlementPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The calendar month before <paramref name="now"/>'s, in UTC: what a monthly statement settles.</summary>
    public static SettlementPeriod LastCalendarMonth(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var thisMonth = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new SettlementPeriod(thisMonth.AddMonths(-1), thisMonth);
    }
}
