namespace Crm.Gateway.Limits;

/// <summary>Request body limits: <c>Gateway:MaxRequestBodyBytes</c> and <c>Gateway:RequestBodyLimits</c>.</summary>
public sealed class RequestBodyLimitOptions
{
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    public List<RequestBodyLimit> RequestBodyLimits { get; set; } = [];

    /// <summary>The most specific (longest) matching prefix wins, so /api/customers/imports can differ from /api/customers.</summary>
    public long LimitFor(PathString path) =>
        RequestBodyLimits
            .Where(limit => path.StartsWithSegments(limit.PathPrefix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(limit => limit.PathPrefix.Length)
            .Select(limit => (long?)limit.MaxBytes)
            .FirstOrDefault() ?? MaxRequestBodyBytes;
}
