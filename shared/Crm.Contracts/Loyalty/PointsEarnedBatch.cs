namespace Crm.Contracts.Loyalty;

/// <summary>
/// The points earned from one batch of transactions, up to about a thousand per event. Consumers treat each item
/// exactly like a <see cref="PointsEarned"/> event.
/// </summary>
public sealed record PointsEarnedBatch(
    Guid EventId,
    DateTimeOffset OccurredAt,
    IReadOnlyList<PointsEarned> Earnings) : IIntegrationEvent
{
    // A batch about one customer travels in that customer's stream; batches about many in one loyalty stream.
    string IIntegrationEvent.OrderingKey =>
        Earnings.Count > 0 && Earnings.All(earning => earning.CustomerId == Earnings[0].CustomerId)
            ? Earnings[0].CustomerId.ToString()
            : "points-earned";
}
