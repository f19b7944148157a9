namespace Crm.Loyalty.Model.Earning;

/// <summary>The most points one rule may give one customer per calendar period (e.g. at most 1,000 bonus points a month).</summary>
public sealed record PointsCap(long MaxPoints, CalendarPeriod Period);
