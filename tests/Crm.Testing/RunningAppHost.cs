using System.Net.Http.Json;
using System.Text.Json;
using Crm.Hosting;

namespace Crm.Testing;

/// <summary>The AppHost started the way a platform engineer starts it: its own program, its own ports and state folder.</summary>
public sealed class RunningAppHost : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _appHostLines;

    private RunningAppHost(ChildProcess process, System.Collections.Concurrent.ConcurrentQueue<string> appHostLines, int gatewayPort, int dashboardPort)
    {
        _process = process;
        _appHostLines = appHostLines;
        Gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}") };
        Dashboard = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboardPort}") };
    }

    public HttpClient Gateway { get; }

    public HttpClient Dashboard { get; }

    /// <summary>The AppHost program's own process id (not its watchdog's).</summary>
    public int ProcessId => _process.ProgramId ?? _process.Id;

    /// <summary>What the dashboard's /api/resources answers, whole.</summary>
    public async Task<JsonElement> ResourcesAsync() => await Dashboard.GetFromJsonAsync<JsonElement>("/api/resources");

    public string Output => _process.RecentOutput;

    /// <summary>Every line the AppHost wrote about itself ([apphost] ...), however much its resources wrote since.</summary>
    public IReadOnlyCollection<string> AppHostLines => _appHostLines;

    /// <summary>How long from the command to every resource healthy, as the AppHost itself measured it.</summary>
    public double ReadyAfterSeconds { get; private set; }

    public static Task<RunningAppHost> StartAsync(string stateDirectory, params string[] extraArguments) =>
        StartAsync(stateDirectory, new Dictionary<string, string?>(), extraArguments);

    /// <summary>Starts the AppHost with extra environment variables, which it passes on to every process it starts.</summary>
    public static async Task<RunningAppHost> StartAsync(string stateDirectory, IReadOnlyDictionary<string, string?> environment, params string[] extraArguments)
    {
        var gatewayPort = FreePort.Next();
        var dashboardPort = FreePort.Next();
        var assembly = Repository.ProjectAssembly("aspire-host/Crm.AppHost");
        var appHostLines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = ChildProcess.Start(new ChildProcessSpec(
            "dotnet",
            [assembly, "--state-dir", stateDirectory, "--gateway-port", $"{gatewayPort}", "--dashboard-port", $"{dashboardPort}", .. extraArguments])
        {
            Environment = environment,
            Output = line =>
            {
                if (line.StartsWith("[apphost]", StringComparison.Ordinal))
                {
                    appHostLines.Enqueue(line);
                }
            },
        });
        var host = new RunningAppHost(process, appHostLines, gatewayPort, dashboardPort);
        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>Runs the AppHost with these arguments only, to its end (for options it refuses or answers at once).</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(params string[] arguments)
    {
        await using var process = ChildProcess.Start(new ChildProcessSpec("dotnet", [Repository.ProjectAssembly("aspire-host/Crm.AppHost"), .. arguments]));
        var exitCode = await process.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.RecentOutput);
    }

    /// <summary>Kills the AppHost alone, as kill -9 would, leaving its children to their watchdogs.</summary>
    public void KillAppHostOnly() => System.Diagnostics.Process.GetProcessById(ProcessId).Kill(entireProcessTree: false);

    /// <summary>Every resource instance the dashboard lists, by name.</summary>
    public async Task<Dictionary<string, JsonElement>> InstancesAsync()
    {
        var document = await Dashboard.GetFromJsonAsync<JsonElement>("/api/resources");
        return document.GetProperty("resources").EnumerateArray()
            .SelectMany(resource => resource.GetProperty("instances").EnumerateArray())
            .ToDictionary(instance => instance.GetProperty("name").GetString()!, instance => instance.Clone());
    }

    /// <summary>Stops the AppHost as Ctrl+C or a service manager would (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(90));
        return await _process.Exited;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Gateway.Dispose();
        Dashboard.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                var document = await Dashboard.GetFromJsonAsync<JsonElement>("/api/resources");
                if (document.GetProperty("readyAfterSeconds").ValueKind == JsonValueKind.Number)
                {
                    ReadyAfterSeconds = document.GetProperty("readyAfterSeconds").GetDouble();
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The AppHost did not report every resource healthy:{Environment.NewLine}{_process.RecentOutput}");
    }

    public static string NewStateDirectory() => TestFolders.Create("crm-apphost-");
}
