namespace Crm.Gateway.Routing;

/// <summary>
/// The services that have addresses, read once at start-up from the keys an Aspire AppHost injects:
/// <c>services:&lt;name&gt;:http:&lt;i&gt;</c> (environment <c>services__&lt;name&gt;__http__&lt;i&gt;</c>), one per replica.
/// A service with only https endpoints is reached over https.
/// </summary>
public sealed class ServiceCatalog
{
    public ServiceCatalog(IConfiguration configuration, ILogger<ServiceCatalog> logger)
    {
        var services = new List<BackendService>();
        var missing = new List<ServiceRoute>();
        foreach (var route in ServiceRoutes.All)
        {
            var addresses = ReadAddresses(configuration, route.Service, "http", logger);
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

            services.Add(new BackendService(route, addresses));
            logger.RoutingService(route.Area, route.Service, addresses.Count);
        }

        Services = services;
        Unconfigured = missing;
    }

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
