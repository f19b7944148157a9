namespace Crm.Gateway.Routing;

/// <summary>
/// The services that have addresses, read once at start-up from the keys an Aspire AppHost injects:
/// <c>services:&lt;name&gt;:&lt;endpoint&gt;:&lt;i&gt;</c> (environment <c>services__&lt;name&gt;__http__&lt;i&gt;</c>), one per
/// replica. A service that declares an <c>h2c</c> endpoint (HTTP/2 without TLS) is reached there: many requests share
/// one connection, so the gateway's reads and writes each carry several of them, which on a small machine roughly
/// doubles what it can forward. Otherwise the <c>http</c> endpoints are used, and https only when there is no http.
/// </summary>
public sealed class ServiceCatalog
{
    public ServiceCatalog(IConfiguration configuration, ILogger<ServiceCatalog> logger)
    {
        var services = new List<BackendService>();
        var missing = new List<ServiceRoute>();
        foreach (var route in ServiceRoutes.All)
        {
            var addresses = ReadAddresses(configuration, route.Service, Http2Endpoint, logger);
            var http2 = addresses.Count > 0;
            if (!http2)
            {
                addresses = ReadAddresses(configuration, route.Service, "http", logger);
            }

            if (addresses.Count == 0)
            {
                addresses = ReadAddresses(configuration, route.Service, "https", logger);
            }

            if (addresses.Count == 0)
            {
                missing.Add(route);
                logger.ServiceNotConfigured(route.Service, route.Area, $"services:{route.Service}:http:0");
                continue;
            }

            services.Add(new BackendService(route, addresses, http2));
            logger.RoutingService(route.Area, route.Service, addresses.Count, http2 ? "HTTP/2 (h2c)" : "HTTP/1.1");
        }

        Services = services;
        Unconfigured = missing;
    }

    /// <summary>The endpoint name under which a service offers HTTP/2 with prior knowledge.</summary>
    public const string Http2Endpoint = "h2c";

    public IReadOnlyList<BackendService> Services { get; }

    /// <summary>Routes whose service has no address: the gateway answers 503 for them rather than guessing.</summary>
    public IReadOnlyList<ServiceRoute> Unconfigured { get; }

    public BackendService? Find(string service) =>
        Services.FirstOrDefault(candidate => string.Equals(candidate.Name, service, StringComparison.OrdinalIgnoreCase));

    private static List<Uri> ReadAddresses(IConfiguration configuration, string service, string scheme, ILogger logger)
    {
        var addresses = new List<Uri>();
        // Children come back ordered by key; numeric keys (0, 1, ... 10) sort numerically, so replica order is stable.
        foreach (var entry in configuration.GetSection($"services:{service}:{scheme}").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                continue;
            }

            // An h2c endpoint's address is an ordinary http URL; only its name says the protocol.
            if (Uri.TryCreate(entry.Value, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                addresses.Add(address);
            }
            else
            {
                logger.InvalidServiceAddress(service, entry.Value);
            }
        }

        return addresses;
    }
}
