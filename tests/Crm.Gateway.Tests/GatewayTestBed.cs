using System.Net;
using System.Net.Sockets;

namespace Crm.Gateway.Tests;

/// <summary>Fake service replicas and a gateway routing to them, fresh for one test.</summary>
public sealed class GatewayTestBed : IAsyncDisposable
{
    private readonly List<FakeService> backends;
    private readonly GatewayServer gateway;

    private GatewayTestBed(List<FakeService> backends, GatewayServer gateway)
    {
        this.backends = backends;
        this.gateway = gateway;
        // A plain client over real sockets, as a browser would call. It shares this process with the gateway's
        // tracing, so it must not stamp its own traceparent over the one a test sets.
        Client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = gateway.Address };
    }

    public HttpClient Client { get; }

    public Uri Address => gateway.Address;

    /// <param name="replicas">Service name (as in service discovery) and how many replicas to start for it.</param>
    /// <param name="settings">Gateway configuration on top of the test defaults.</param>
    /// <param name="unreachable">Services configured with an address where nothing listens.</param>
    /// <param name="http2">Every replica also listens on an h2c endpoint and announces it, as the suite's services do.</param>
    public static async Task<GatewayTestBed> StartAsync(
        IReadOnlyDictionary<string, int> replicas,
        IReadOnlyDictionary<string, string?>? settings = null,
        string[]? unreachable = null,
        bool http2 = false)
    {
        var backends = new List<FakeService>();
        foreach (var (service, count) in replicas)
        {
            for (var replica = 0; replica < count; replica++)
            {
                backends.Add(await FakeService.StartAsync(service, replica, http2));
            }
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gateway:RateLimit:PermitLimit"] = "100000",
        };
        foreach (var backend in backends)
        {
            configuration[$"services:{backend.Name}:http:{backend.Replica}"] = backend.Address.ToString();
            if (backend.Http2Address is { } h2c)
            {
                configuration[$"services:{backend.Name}:h2c:{backend.Replica}"] = h2c.ToString();
            }
        }

        foreach (var service in unreachable ?? [])
        {
            configuration[$"services:{service}:http:0"] = $"http://127.0.0.1:{UnusedPort()}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return new GatewayTestBed(backends, GatewayServer.Start(configuration));
    }

    public FakeService Backend(string service, int replica = 0) =>
        backends.Single(backend => backend.Name == service && backend.Replica == replica);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await gateway.DisposeAsync();
        foreach (var backend in backends)
        {
            await backend.DisposeAsync();
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
