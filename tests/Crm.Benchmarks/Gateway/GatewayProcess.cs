using System.Reflection;
using Crm.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// The real Crm.Gateway, as built, in a process of its own: production environment and the full middleware stack,
/// with only the rate limit raised (wrk is one client) and logging at Warning.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private const string TargetFramework = "net10.0";

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
        var configuration = typeof(GatewayProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var assembly = Path.Combine(RepositoryRoot(), "gateway", "Crm.Gateway", "bin", configuration, TargetFramework, "Crm.Gateway.dll");
        return File.Exists(assembly)
            ? assembly
            : throw new MissingToolException(
                $"The gateway is not built ({assembly} is missing). Build it with: dotnet build -c {configuration} gateway/Crm.Gateway");
    }

    public static async Task<GatewayProcess> StartAsync(string assembly, Uri backend, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var process = ChildProcess.Start(new ChildProcessSpec(DotnetHost(), [assembly])
        {
            // The content root is the working folder: the shipped appsettings.json sits next to the assembly.
            WorkingDirectory = Path.GetDirectoryName(assembly),
            Environment = new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["services__customers__http__0"] = backend.ToString().TrimEnd('/'),
                ["Gateway__RateLimit__PermitLimit"] = "100000000",
                ["Gateway__RateLimit__Window"] = "00:00:01",
                ["Logging__LogLevel__Default"] = "Warning",
                // Telemetry is still collected as shipped; it is just not exported to a collector that is not there.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            },
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

    /// <summary>The dotnet host that runs this benchmark, else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CrmSuite.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CrmSuite.sln above {AppContext.BaseDirectory}; run the benchmark from the repository.");
    }
}
