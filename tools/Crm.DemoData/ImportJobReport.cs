using System.Text.Json;

namespace Crm.DemoData;

/// <summary>A finished import job as the service reports it.</summary>
public sealed record ImportJobReport(string Id, string Status, long RowsRead, long RowsStored, long RowsSkipped, long RowsRejected, string? Error)
{
    public bool Succeeded => Status == "succeeded" && RowsRejected == 0;

    public static ImportJobReport From(JsonElement job)
    {
        long Count(string name) => job.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
        string? Text(string name) => job.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new ImportJobReport(Text("id") ?? "?", Text("status") ?? "?", Count("rowsRead"), Count("rowsStored"), Count("rowsSkipped"),
            Count("rowsRejected"), Text("error"));
    }
}
