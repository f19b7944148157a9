namespace Crm.Contracts.Segmentation;

/// <summary>
/// Membership changes of one update (a batch of events, or a recompute that moves many customers), up to about a
/// thousand per event. Consumers treat each item exactly like a <see cref="SegmentMembershipChanged"/> event.
/// </summary>
public sealed record SegmentMembershipsChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    IReadOnlyList<SegmentMembershipChanged> Changes) : IIntegrationEvent
{
    // One stream: a later change of a membership never overtakes an earlier one.
    string IIntegrationEvent.OrderingKey => "segment-memberships";
}
