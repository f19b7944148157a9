namespace Crm.Segmentation.Data;

/// <summary>One entry of a segment's membership change log.</summary>
public sealed record MembershipLogEntry(long Id, Guid CustomerId, int Version, string Change, string Reason, DateTimeOffset ChangedAt);
