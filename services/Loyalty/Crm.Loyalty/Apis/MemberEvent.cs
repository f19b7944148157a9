namespace Crm.Loyalty.Apis;

/// <summary>A business event of a member: its type, the reference that makes it one occurrence, and when it happened (now if absent).</summary>
public sealed record MemberEvent(string? Type, string? Reference, DateTimeOffset? OccurredAt);
