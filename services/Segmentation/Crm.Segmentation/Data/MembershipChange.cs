namespace Crm.Segmentation.Data;

/// <summary>A customer entering or leaving a segment, with why.</summary>
public sealed record MembershipChange(CompiledSegment Segment, Guid CustomerId, string Change, string Reason);
