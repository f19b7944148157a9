namespace Crm.Loyalty.Model.Earning;

/// <summary>A rule's cap as posted: at most <c>maxPoints</c> per customer per <c>period</c>.</summary>
public sealed record PointsCapRequest(long? MaxPoints, CalendarPeriod? Period);
