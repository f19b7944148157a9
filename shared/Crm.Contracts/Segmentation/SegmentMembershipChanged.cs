namespace Crm.Contracts.Segmentation;

/// <summary>
/// A customer entered or left a segment (<see cref="MembershipChanges"/>), under version <see cref="SegmentVersion"/>
/// of its rule, and why: the rule now holds or no longer holds for them, the segment was revised, or they were erased.
/// </summary>
public sealed record SegmentMembershipChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid SegmentId,
    string SegmentName,
    int SegmentVersion,
    string Change,
    string Reason) : ICustomerEvent;
