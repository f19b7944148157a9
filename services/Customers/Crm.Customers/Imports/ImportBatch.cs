namespace Crm.Customers.Imports;

/// <summary>
/// Rows read and checked from one stretch of the file, written to the database in one transaction. Rows rejected
/// while reading are already in <see cref="Errors"/> and <see cref="RowsRejected"/>.
/// </summary>
internal sealed class ImportBatch<T>
{
    public List<T> Items { get; } = [];

    public List<ImportRowError> Errors { get; } = [];

    public long RowsRead { get; set; }

    public long RowsRejected { get; set; }

    /// <summary>
    /// Cuts checked rows into batches of <paramref name="batchRows"/> rows read; a row that comes with errors (or
    /// without an item) is counted as rejected and its errors kept.
    /// </summary>
    public static IEnumerable<ImportBatch<T>> Of(
        IEnumerable<(long Line, T? Item, List<ImportRowError> Errors)> rows, int batchRows, CancellationToken cancellationToken)
    {
        var batch = new ImportBatch<T>();
        foreach (var (_, item, errors) in rows)
        {
            batch.RowsRead++;
            if (errors.Count > 0 || item is null)
            {
                batch.RowsRejected++;
                batch.Errors.AddRange(errors);
            }
            else
            {
                batch.Items.Add(item);
            }

            if (batch.RowsRead >= batchRows)
            {
                yield return batch;
                cancellationToken.ThrowIfCancellationRequested();
                batch = new ImportBatch<T>();
            }
        }

        yield return batch;
    }
}
