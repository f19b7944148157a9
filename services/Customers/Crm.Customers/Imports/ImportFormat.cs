using Microsoft.Net.Http.Headers;

namespace Crm.Customers.Imports;

/// <summary>The file formats an import accepts, told by the upload's content type.</summary>
public static class ImportFormat
{
    public const string Csv = "csv";
    public const string Ndjson = "ndjson";

    public const string CsvMediaType = "text/csv";
    public const string NdjsonMediaType = "application/x-ndjson";

    // The name the NDJSON specification registers; most tools still send the x- form.
    private const string NdjsonRegisteredMediaType = "application/ndjson";

    /// <summary>The format of a content type (parameters such as charset ignored), or null when it is not one we read.</summary>
    public static string? FromContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return null;
        }

        return mediaType.MediaType.Value?.ToLowerInvariant() switch
        {
            CsvMediaType => Csv,
            NdjsonMediaType or NdjsonRegisteredMediaType => Ndjson,
            _ => null,
        };
    }
}
