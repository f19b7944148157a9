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
    // A customer's changes stay in order: an event's changes about one customer travel in that customer's stream
    // (the usual case: an event moved one customer); recompute batches about many customers travel in one stream.
    string IIntegrationEvent.OrderingKey =>
        Changes.Count > 0 && Changes.All(change => change.CustomerId == Changes[0].CustomerId)
            ? Changes[0].CustomerId.ToString()
            : "segment-memberships";
}
