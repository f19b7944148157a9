namespace Crm.Gateway.Limits;

/// <summary>Request body limits: <c>Gateway:MaxRequestBodyBytes</c> and <c>Gateway:RequestBodyLimits</c>.</summary>
public sealed class RequestBodyLimitOptions
{
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    public List<RequestBodyLimit> RequestBodyLimits { get; set; } = [];

    /// <summary>The most specific (longest) matching prefix wins, so /api/customers/imports can differ from /api/customers.</summary>
    /// <remarks>A plain loop: this runs on every request, where a LINQ query would allocate each time.</remarks>
    public long LimitFor(PathString path)
    {
        RequestBodyLimit? best = null;
        foreach (var limit in RequestBodyLimits)
        {
            if (limit.PathPrefix.Length > (best?.PathPrefix.Length ?? -1)
                && path.StartsWithSegments(limit.PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                best = limit;
            }
        }

        return best?.MaxBytes ?? MaxRequestBodyBytes;
    }
}
