namespace Crm.Contracts.Customers;

/// <summary>
/// Sales and returns newly recorded, up to about a thousand per event (bulk imports publish batches, not one message
/// per row). Returns carry <see cref="TransactionKinds.Return"/> and positive amounts that consumers subtract.
/// </summary>
/// <param name="ImportId">The import job the batch came from; null for transactions posted one at a time.</param>
public sealed record TransactionsRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid? ImportId,
    IReadOnlyList<RecordedTransaction> Transactions) : IIntegrationEvent
{
    // One import's batches stay in order; a single posting stays in order with its customer's other events.
    string IIntegrationEvent.OrderingKey =>
        ImportId?.ToString() ?? (Transactions.Count > 0 ? Transactions[0].CustomerId.ToString() : EventId.ToString());
}
