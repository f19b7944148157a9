namespace Crm.Customers.Imports;

/// <summary>One job's fixed facts while it runs: rows are judged against the same "now" from first line to last.</summary>
internal sealed record ImportContext(
    Guid JobId,
    string Path,
    string Format,
    DateTimeOffset Now,
    TimeSpan FutureTolerance,
    int BatchRows)
{
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public bool IsCsv => Format == ImportFormat.Csv;
}
