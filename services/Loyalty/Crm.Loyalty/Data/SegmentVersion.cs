namespace Crm.Loyalty.Data;

/// <summary>A segment's name as of one of its versions, and the name of the version before when the event told it.</summary>
public sealed record SegmentVersion(Guid SegmentId, string Name, int Version, string? PreviousName = null);
