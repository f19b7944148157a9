namespace Crm.Gateway.Limits;

/// <summary>Per-client request quota on <c>/api</c>: configuration section <c>Gateway:RateLimit</c>.</summary>
public sealed class ClientRateLimitOptions
{
    public const string Section = "Gateway:RateLimit";

    /// <summary>Requests per window for a client known only by its address (a browser, a front end).</summary>
    public int PermitLimit { get; set; } = 600;

    /// <summary>
    /// Requests per window for each listed API key: integrations such as a point-of-sale feed send far more than a
    /// person does.
    /// </summary>
    public int ApiKeyPermitLimit { get; set; } = 60_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Header that names a client (e.g. a partner's integration) independently of its IP address.</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>
    /// Keys that get their own quota. Unknown keys count against the caller's IP address: otherwise a client could
    /// mint a fresh key per request and never be limited.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];
}
