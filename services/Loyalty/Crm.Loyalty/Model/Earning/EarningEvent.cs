namespace Crm.Loyalty.Model.Earning;

/// <summary>A business event that event rules can reward (a completed survey, a referral, a birthday, a completed profile).</summary>
public sealed record EarningEvent(Guid EventId, string EventType, DateTimeOffset OccurredAt);
