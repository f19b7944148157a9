namespace Crm.Gateway.ApiDocs;

/// <summary>Fetching each service's OpenAPI document: configuration section <c>Gateway:OpenApi</c>.</summary>
public sealed class ServiceDocumentOptions
{
    public const string Section = "Gateway:OpenApi";

    /// <summary>Where every service publishes its document (the service defaults map it there).</summary>
    public string DocumentPath { get; set; } = "/openapi/v1.json";

    /// <summary>A service that does not answer within this is shown as unavailable rather than holding up the page.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Documents change only with deployments; refetching at most this often keeps the UI fast.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
