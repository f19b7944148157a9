using System.Globalization;
using System.Net;
using Crm.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// The service behind every target: a bare Kestrel app answering the benchmarked route with a fixed ~100-byte JSON
/// body, and <c>/health</c> for the gateway's active probe. It runs in a process of its own (this benchmark's
/// assembly, scenario <c>ping-backend</c>), so its threads are not counted against whichever proxy is measured, and it
/// does as little as possible, so the differences between targets are the proxies' own cost. Like the suite's services
/// it has an HTTP/1.1 endpoint (for wrk and nginx) and an HTTP/2-only one (h2c, for the gateway).
/// </summary>
public sealed class PingBackend : IAsyncDisposable
{
    public const string Route = "/api/customers/ping";

    private static readonly byte[] Body =
        """{"id":"5f0c7a4e-3b2d-4c1a-9e8f-1a2b3c4d5e6f","name":"Ada Lovelace","tier":"gold","points":1250}"""u8.ToArray();

    private readonly ChildProcess _process;

    private PingBackend(ChildProcess process, Uri address, Uri http2Address)
    {
        _process = process;
        Address = address;
        Http2Address = http2Address;
    }

    public Uri Address { get; }

    public Uri Http2Address { get; }

    public static async Task<PingBackend> StartAsync(CancellationToken cancellationToken)
    {
        var (port, http2Port) = (FreePort.Next(), FreePort.Next());
        var address = new Uri($"http://127.0.0.1:{port}");
        var process = ChildProcess.Start(new ChildProcessSpec(
            Tools.DotnetHost(),
            [
                typeof(PingBackend).Assembly.Location, "ping-backend",
                "--port", port.ToString(CultureInfo.InvariantCulture), "--h2c-port", http2Port.ToString(CultureInfo.InvariantCulture),
            ]));
        try
        {
            await Readiness.WaitForAnswerAsync("backend", new Uri(address, "/health"), process, TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new PingBackend(process, address, new Uri($"http://127.0.0.1:{http2Port}"));
    }

    /// <summary>The backend's own process: serves until it is stopped (SIGTERM from the benchmark or its watchdog).</summary>
    public static async Task<int> ServeAsync(Options options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Nothing from files or the environment: a service's appsettings.json in the working folder would add its endpoints.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Int("port", 0));
            kestrel.Listen(IPAddress.Loopback, options.Int("h2c-port", 0), listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.MapGet(Route, () => Results.Bytes(Body, "application/json"));
        app.MapGet("/health", () => Results.Text("Healthy"));
        await app.RunAsync();
        return 0;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
