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
}
