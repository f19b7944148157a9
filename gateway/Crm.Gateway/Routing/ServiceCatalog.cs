namespace Crm.Gateway.Routing;

/// <summary>
/// The services that have addresses, read once at start-up from the keys an Aspire AppHost injects:
/// <c>services:&lt;name&gt;:&lt;endpoint&gt;:&lt;i&gt;</c> (environment <c>services__&lt;name&gt;__&lt;endpoint&gt;__&lt;i&gt;</c>), one per
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
            // The first endpoint, in order of preference, that has addresses; the later ones are not read at all.
            var (endpoint, addresses) = PreferredEndpoints
                .Select(endpoint => (endpoint, Addresses: ReadAddresses(configuration, route.Service, endpoint.Name, logger)))
                .FirstOrDefault(found => found.Addresses.Count > 0);
            if (addresses is null)
            {
                missing.Add(route);
                logger.ServiceNotConfigured(route.Service, route.Area, $"services:{route.Service}:http:0");
                continue;
            }

            services.Add(new BackendService(route, addresses, endpoint.Name == Http2Endpoint));
            logger.RoutingService(route.Area, route.Service, addresses.Count, endpoint.Protocol);
        }

        Services = services;
        Unconfigured = missing;
    }

    /// <summary>The endpoint name under which a service offers HTTP/2 with prior knowledge.</summary>
    public const string Http2Endpoint = "h2c";

    // h2c first (see above), then http, and https only when a service has nothing else.
    private static readonly (string Name, string Protocol)[] PreferredEndpoints =
        [(Http2Endpoint, "HTTP/2 (h2c)"), ("http", "HTTP/1.1"), ("https", "HTTPS")];

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
