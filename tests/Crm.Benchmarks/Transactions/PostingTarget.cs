using Crm.Benchmarks.Gateway;
using Crm.Hosting;
using Crm.Testing;

namespace Crm.Benchmarks.Transactions;

/// <summary>Where postings are sent: through the gateway, or straight to the customers service behind it.</summary>
public interface IPostingTarget : IAsyncDisposable
{
    HttpClient Gateway { get; }

    HttpClient Direct { get; }
}

/// <summary>The whole suite as <c>run.sh</c> starts it, with the point-of-sale feed's API key (its own quota).</summary>
public sealed class PostingPathInSuite : IPostingTarget
{
    private readonly RunningAppHost _suite;

    private PostingPathInSuite(RunningAppHost suite, HttpClient direct)
    {
        _suite = suite;
        Direct = direct;
    }

    public HttpClient Gateway => _suite.Gateway;

    public HttpClient Direct { get; }

    public static async Task<PostingPathInSuite> StartAsync(string folder, string apiKey)
    {
        var suite = await RunningAppHost.StartAsync(folder, new Dictionary<string, string?> { ["Gateway__RateLimit__ApiKeys__0"] = apiKey });
        suite.Gateway.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var instances = await suite.InstancesAsync();
        var endpoint = instances["customers"].GetProperty("endpoints").EnumerateArray().First().GetString()!;
        return new PostingPathInSuite(suite, new HttpClient { BaseAddress = new Uri(endpoint) });
    }

    public async ValueTask DisposeAsync()
    {
        Direct.Dispose();
        await _suite.StopAsync();
        await _suite.DisposeAsync();
    }
}

/// <summary>
/// The posting path alone: a broker, a durable PostgreSQL (fsync and full page writes on, as the AppHost runs it), the
/// customers service and the gateway, each in a process of its own.
/// </summary>
public sealed class PostingPathAlone : IPostingTarget
{
    private readonly IAsyncDisposable[] _processes;

    private PostingPathAlone(Uri gateway, Uri service, params IAsyncDisposable[] processes)
    {
        _processes = processes;
        Gateway = new HttpClient { BaseAddress = gateway };
        Direct = new HttpClient { BaseAddress = service };
    }

    public HttpClient Gateway { get; }

    public HttpClient Direct { get; }

    public static async Task<PostingPathAlone> StartAsync(string folder)
    {
        var broker = await TestInfrastructure.StartBrokerAsync(Path.Combine(folder, "rabbitmq"));
        var database = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = Path.Combine(folder, "postgres") });
        await database.CreateDatabaseAsync("customersdb");
        await broker.CreateVirtualHostAsync("bench");
        var service = await ServiceProcess.StartAsync("services/Customers/Crm.Customers", new Dictionary<string, string?>
        {
            ["ConnectionStrings:customersdb"] = database.ConnectionString("customersdb"),
            ["ConnectionStrings:messaging"] = broker.ConnectionString("bench"),
        });
        var gateway = await GatewayProcess.StartAsync(GatewayProcess.LocateAssembly(), service.Address, CancellationToken.None);
        return new PostingPathAlone(gateway.Address, service.Address, gateway, service, database, broker);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        Direct.Dispose();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
