using System.Net;
using Crm.Benchmarks.Gateway;
using Crm.Hosting;

namespace Crm.Benchmarks;

/// <summary>
/// A service of the suite, as built, in a process of its own (production environment, logging at Warning unless the
/// settings say otherwise), answered healthy before it is handed out.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ServiceProcess(ChildProcess process, Uri address, Uri http2Address)
    {
        Process = process;
        Address = address;
        Http2Address = http2Address;
    }

    public ChildProcess Process { get; }

    /// <summary>The service's <c>http</c> endpoint (HTTP/1.1).</summary>
    public Uri Address { get; }

    /// <summary>The service's <c>h2c</c> endpoint (HTTP/2 with prior knowledge), which the gateway forwards to.</summary>
    public Uri Http2Address { get; }

    /// <param name="project">The project folder, e.g. <c>services/Customers/Crm.Customers</c>.</param>
    /// <param name="settings">Configuration keys (<c>ConnectionStrings:customersdb</c>) or environment names, as the AppHost would set them.</param>
    public static async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string?> settings)
    {
        var name = Path.GetFileName(project);
        var assembly = Repository.ProjectAssembly(project);
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var http2Address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>
        {
            // The endpoints the service declares in its appsettings.json, moved to free ports as the AppHost moves them.
            ["Kestrel__Endpoints__http__Url"] = address.ToString().TrimEnd('/'),
            ["Kestrel__Endpoints__h2c__Url"] = http2Address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = ChildProcess.Start(new ChildProcessSpec(Tools.DotnetHost(), [assembly])
        {
            Output = line => Console.WriteLine($"  {name}| {line}"),
            WorkingDirectory = Path.GetDirectoryName(assembly),
            Environment = environment,
        });
        try
        {
            await Readiness.WaitForAnswerAsync(name, new Uri(address, "/health"), process, TimeSpan.FromSeconds(60), CancellationToken.None);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await Probe.GetAsync(new Uri(address, "/health"))).StatusCode != HttpStatusCode.OK)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{name} did not become healthy:{Environment.NewLine}{process.RecentOutput}");
                }

                await Task.Delay(200);
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new ServiceProcess(process, address, http2Address);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
