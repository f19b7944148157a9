using Crm.Benchmarks.Gateway;
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

/// <summary>The posting path alone: the customers service with its own broker and durable database, and the gateway.</summary>
public sealed class PostingPathAlone : IPostingTarget
{
    private readonly CustomersAlone _customers;
    private readonly GatewayProcess _gateway;

    private PostingPathAlone(CustomersAlone customers, GatewayProcess gateway)
    {
        _customers = customers;
        _gateway = gateway;
        Gateway = new HttpClient { BaseAddress = gateway.Address };
        Direct = new HttpClient { BaseAddress = customers.Service.Address };
    }

    public HttpClient Gateway { get; }

    public HttpClient Direct { get; }

    public static async Task<PostingPathAlone> StartAsync(string folder)
    {
        var customers = await CustomersAlone.StartAsync(folder);
        var gateway = await GatewayProcess.InFrontOfAsync(customers.Service, "customers");
        return new PostingPathAlone(customers, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        Direct.Dispose();
        await _gateway.DisposeAsync();
        await _customers.DisposeAsync();
    }
}
