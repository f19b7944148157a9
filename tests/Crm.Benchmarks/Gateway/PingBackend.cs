using System.Globalization;
using Crm.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// The service behind every target: a bare Kestrel app answering the benchmarked route with a fixed ~100-byte JSON
/// body, and <c>/health</c> for the gateway's active probe. It runs in a process of its own (this benchmark's
/// assembly, scenario <c>ping-backend</c>), so its threads are not counted against whichever proxy is measured, and it
/// does as little as possible, so the differences between targets are the proxies' own cost.
/// </summary>
public sealed class PingBackend : IAsyncDisposable
{
    public const string Route = "/api/customers/ping";

    private static readonly byte[] Body =
        """{"id":"5f0c7a4e-3b2d-4c1a-9e8f-1a2b3c4d5e6f","name":"Ada Lovelace","tier":"gold","points":1250}"""u8.ToArray();

    private readonly ChildProcess _process;

    private PingBackend(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PingBackend> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}");
        var process = ChildProcess.Start(new ChildProcessSpec(
            Tools.DotnetHost(), [typeof(PingBackend).Assembly.Location, "ping-backend", "--port", port.ToString(CultureInfo.InvariantCulture)]));
        try
        {
            await Readiness.WaitForAnswerAsync("backend", new Uri(address, "/health"), process, TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new PingBackend(process, address);
    }

    /// <summary>The backend's own process: serves until it is stopped (SIGTERM from the benchmark or its watchdog).</summary>
    public static async Task<int> ServeAsync(Options options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add($"http://127.0.0.1:{options.Int("port", 0)}");
        app.MapGet(Route, () => Results.Bytes(Body, "application/json"));
        app.MapGet("/health", () => Results.Text("Healthy"));
        await app.RunAsync();
        return 0;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
