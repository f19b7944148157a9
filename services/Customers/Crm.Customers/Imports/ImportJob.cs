namespace Crm.Customers.Imports;

/// <summary>
/// An uploaded file being imported, and how far it got. Rows are lines of the file, except for transactions, where
/// they are transaction lines (one CSV row, or one entry of an NDJSON transaction's <c>lines</c>).
/// <see cref="RowsSkipped"/> counts rows already stored before (a re-import changes nothing).
/// </summary>
public sealed record ImportJob(
    Guid Id,
    string Kind,
    string Format,
    string Status,
    string? FileName,
    long FileBytes,
    long RowsRead,
    long RowsStored,
    long RowsSkipped,
    long RowsRejected,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public string ErrorsUrl => $"/api/customers/imports/{Id}/errors";
}
