namespace Crm.Customers.Imports;

/// <summary>
/// A batch whose rows are decided (which are new, skipped or rejected) inside its own open database transaction,
/// and not yet written. The import writes the rows while the next batch is being decided; events and commits then
/// follow file order.
/// </summary>
internal interface IStagedBatch
{
    BatchOutcome Outcome { get; }

    /// <summary>Writes the decided rows; may run while earlier batches are still committing.</summary>
    Task StoreAsync(CancellationToken cancellationToken);

    /// <summary>Enqueues the batch's events; called once every earlier batch has committed, just before this one commits.</summary>
    Task EnqueueEventsAsync(CancellationToken cancellationToken);
}
