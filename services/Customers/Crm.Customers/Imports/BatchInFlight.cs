namespace Crm.Customers.Imports;

/// <summary>A decided batch whose rows are being written and which commits once the batch before it has.</summary>
internal sealed class BatchInFlight<T, TStaged>(ImportBatch<T> batch, TStaged staged, long firstErrorSeq)
    where TStaged : class, IStagedBatch
{
    public ImportBatch<T> Batch { get; } = batch;

    public TStaged Staged { get; } = staged;

    /// <summary>Where this batch's row errors start in the job's error report.</summary>
    public long FirstErrorSeq { get; } = firstErrorSeq;

    public int ErrorCount => Batch.Errors.Count + Staged.Outcome.Errors.Count;

    /// <summary>Writes, waits for the batch before, enqueues the events and commits; faults if any of it (or the batch before) failed.</summary>
    public Task Commit { get; set; } = Task.CompletedTask;

    /// <summary>Why the batch did not commit, once <see cref="CommittedAsync"/> said so.</summary>
    public Exception? Failure { get; private set; }

    public async Task<bool> CommittedAsync()
    {
        try
        {
            await Commit;
            return true;
        }
        catch (Exception exception)
        {
            Failure = exception;
            return false;
        }
    }
}
