using System.Net.Http.Json;
using System.Text.Json;
using Crm.Hosting;

namespace Crm.Testing;

/// <summary>The AppHost started the way a platform engineer starts it: its own program, its own ports and state folder.</summary>
public sealed class RunningAppHost : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RunningAppHost(ChildProcess process, int gatewayPort, int dashboardPort)
    {
        _process = process;
        Gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}") };
        Dashboard = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboardPort}") };
    }

    public HttpClient Gateway { get; }

    public HttpClient Dashboard { get; }

    public int ProcessId => _process.Id;

    public string Output => _process.RecentOutput;

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
        var process = ChildProcess.Start(new ChildProcessSpec(
            "dotnet",
            [assembly, "--state-dir", stateDirectory, "--gateway-port", $"{gatewayPort}", "--dashboard-port", $"{dashboardPort}", .. extraArguments])
        {
            Environment = environment,
        });
        var host = new RunningAppHost(process, gatewayPort, dashboardPort);
        await host.WaitUntilReadyAsync();
        return host;
    }

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
