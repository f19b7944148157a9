using Crm.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// The service behind every target: a bare Kestrel app in this process answering the benchmarked route with a
/// fixed ~100-byte JSON body, and <c>/health</c> for the gateway's active probe. It does as little as possible,
/// so the differences between targets are the proxies' own cost.
/// </summary>
public sealed class PingBackend : IAsyncDisposable
{
    public const string Route = "/api/customers/ping";

    private static readonly byte[] Body =
        """{"id":"5f0c7a4e-3b2d-4c1a-9e8f-1a2b3c4d5e6f","name":"Ada Lovelace","tier":"gold","points":1250}"""u8.ToArray();

    private readonly WebApplication _app;

    private PingBackend(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PingBackend> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add(address.ToString().TrimEnd('/'));
        app.MapGet(Route, () => Results.Bytes(Body, "application/json"));
        app.MapGet("/health", () => Results.Text("Healthy"));
        await app.StartAsync();
        return new PingBackend(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
