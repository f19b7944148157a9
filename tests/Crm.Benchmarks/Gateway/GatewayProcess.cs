using Crm.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// The real Crm.Gateway, as built, in a process of its own: production environment and the full middleware stack,
/// with only the rate limit raised (wrk is one client) and logging at Warning.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private GatewayProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The gateway assembly built in the same configuration as this benchmark (the project reference builds it).</summary>
    public static string LocateAssembly()
    {
        try
        {
            return Repository.ProjectAssembly("gateway/Crm.Gateway");
        }
        catch (FileNotFoundException missing)
        {
            throw new MissingToolException(missing.Message);
        }
    }

    /// <summary>
    /// The built gateway in front of a suite service run by <see cref="ServiceProcess"/>, announced with both its
    /// endpoints as the AppHost announces them, so the gateway forwards over h2c as in the suite.
    /// </summary>
    /// <param name="name">The service's name in service discovery, e.g. <c>customers</c>.</param>
    public static Task<GatewayProcess> InFrontOfAsync(ServiceProcess service, string name) =>
        StartAsync(LocateAssembly(), service.Address, CancellationToken.None, name, service.Http2Address);

    /// <param name="service">The service whose routes lead to <paramref name="backend"/> (its name in service discovery).</param>
    /// <param name="http2Backend">The service's h2c endpoint; when given, the gateway forwards there over HTTP/2, as
    /// it does in the suite, and <paramref name="backend"/> is only announced.</param>
    public static async Task<GatewayProcess> StartAsync(
        string assembly, Uri backend, CancellationToken cancellationToken, string service = "customers", Uri? http2Backend = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            [$"services__{service}__http__0"] = backend.ToString().TrimEnd('/'),
            ["Gateway__RateLimit__PermitLimit"] = "100000000",
            ["Gateway__RateLimit__Window"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
            // Telemetry is still collected as shipped; it is just not exported to a collector that is not there.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        };
        if (http2Backend is not null)
        {
            environment[$"services__{service}__h2c__0"] = http2Backend.ToString().TrimEnd('/');
        }

        var process = ChildProcess.Start(new ChildProcessSpec(Tools.DotnetHost(), [assembly])
        {
            // The content root is the working folder: the shipped appsettings.json sits next to the assembly.
            WorkingDirectory = Path.GetDirectoryName(assembly),
            Environment = environment,
        });

        try
        {
            await Readiness.WaitForAnswerAsync("gateway", new Uri(address, "/alive"), process, TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new GatewayProcess(process, address);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
