using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Crm.Gateway.Routing;

/// <summary>
/// YARP routes and clusters built from the service catalog. Built in code because the discovery-to-YARP package
/// (Microsoft.Extensions.ServiceDiscovery.Yarp) is not in the package feed; the keys read are the same.
/// </summary>
internal static class ProxyConfigFactory
{
    /// <summary>
    /// Client-supplied forwarding headers YARP's X-Forwarded transform does not overwrite. A backend trusting them
    /// would log, rate-limit or authorise by an address the client made up, so they never leave the gateway.
    /// </summary>
    private static readonly string[] SpoofableHeaders = ["Forwarded", "X-Forwarded-Port", "X-Forwarded-Server", "X-Real-IP"];

    public static InMemoryConfigProvider Create(ServiceCatalog catalog, GatewayRoutingOptions options) =>
        new(
            catalog.Services.Select(Route).ToList(),
            catalog.Services.Select(service => Cluster(service, options)).ToList());

    private static RouteConfig Route(BackendService service) => new()
    {
        RouteId = service.Area,
        ClusterId = service.Name,
        // A catch-all is optional, so /api/customers itself matches too. Paths are forwarded unchanged:
        // each service serves its own /api/<area> prefix.
        Match = new RouteMatch { Path = $"/api/{service.Area}/{{**rest}}" },
        Transforms =
        [
            // "Set" replaces whatever X-Forwarded-For/Proto/Host/Prefix the client sent with what the gateway saw.
            new Dictionary<string, string> { ["X-Forwarded"] = "Set" },
            .. SpoofableHeaders.Select(header => new Dictionary<string, string> { ["RequestHeaderRemove"] = header }),
        ],
    };

    private static ClusterConfig Cluster(BackendService service, GatewayRoutingOptions options) => new()
    {
        ClusterId = service.Name,
        LoadBalancingPolicy = options.LoadBalancingPolicy,
        HealthCheck = new HealthCheckConfig
        {
            // YARP's default (HealthyOrPanic) sends traffic to every replica once none is healthy, so a service that is
            // down answered 502 after a connect attempt per request. With this, no healthy replica is a prompt 503.
            AvailableDestinationsPolicy = "HealthyAndUnknown",
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.HealthCheckInterval,
                Timeout = options.HealthCheckTimeout,
                Policy = "ConsecutiveFailures",
                Path = options.HealthCheckPath,
            },
            // Notices a replica dying between probes from the forwarded traffic itself.
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = "TransportFailureRate",
                ReactivationPeriod = options.PassiveHealthReactivation,
            },
        },
        // The activity timeout restarts on every header or body chunk, so long uploads and downloads that keep
        // moving are not cut off; only a silent service is. YARP's active probes ask for the same version.
        HttpRequest = new ForwarderRequestConfig
        {
            ActivityTimeout = options.RequestTimeout,
            Version = service.RequestVersion,
            VersionPolicy = service.RequestVersionPolicy,
        },
        // Kestrel lets a client have 100 streams open per connection. Past that, requests would queue in the gateway
        // behind long uploads and slow services; with this they open another connection instead.
        HttpClient = service.Http2WithPriorKnowledge ? new HttpClientConfig { EnableMultipleHttp2Connections = true } : null,
        Destinations = service.Addresses
            .Select((address, replica) => (Id: $"{service.Name}-{replica}", Address: address))
            .ToDictionary(destination => destination.Id, destination => new DestinationConfig { Address = destination.Address.ToString() }),
    };
}
