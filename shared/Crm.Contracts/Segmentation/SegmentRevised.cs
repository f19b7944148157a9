namespace Crm.Contracts.Segmentation;

/// <summary>
/// A segment was defined or saved in a new version. Services that refer to segments by name (loyalty's rewards and
/// earn rules, profitability's P&amp;L by segment) learn a renamed segment's new name from it, even when no customer
/// enters or leaves it; <see cref="PreviousName"/> is the name of the version before, null for a new segment.
/// Versions only grow, so a consumer keeps the name of the highest <see cref="Version"/> it has seen.
/// </summary>
public sealed record SegmentRevised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid SegmentId,
    string Name,
    int Version,
    string? PreviousName) : IIntegrationEvent
{
    // After every membership change of the segment's earlier versions, in the segment's own stream.
    string IIntegrationEvent.OrderingKey => SegmentId.ToString();
}
