using Crm.AppHost.Model;
using Crm.Hosting;

namespace Crm.AppHost.Runtime;

/// <summary>
/// Keeps one replica running: starts it, probes its health, and restarts it with back-off when it crashes.
/// </summary>
public sealed class ProjectSupervisor(ResourceInstance instance, Func<ChildProcessSpec> spec, Uri healthUri)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stopping = new();
    private ChildProcess? _process;
    private Task? _loop;

    public void Start() => _loop = Task.Run(SuperviseAsync);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(15));
        }

        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task SuperviseAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                _process = ChildProcess.Start(spec());
            }
            catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException)
            {
                instance.Logs.Add(ex.Message);
                instance.Set(ResourceState.Failed, "Not started");
                ConsoleOutput.Info($"{instance.Name} cannot start: {ex.Message}");
                return;
            }

            instance.Started(await ProgramIdAsync(_process));
            var started = DateTime.UtcNow;
            await ProbeUntilExitAsync(_process);
            var exitCode = await _process.Exited;
            if (_stopping.IsCancellationRequested)
            {
                instance.Ended(exitCode, restarting: false);
                return;
            }

            instance.Ended(exitCode, restarting: true);
            backoff = DateTime.UtcNow - started > StableAfter ? TimeSpan.FromSeconds(1) : backoff;
            ConsoleOutput.Info($"{instance.Name} exited with code {exitCode}; restarting in {backoff.TotalSeconds:F0} s");
            try
            {
                await Task.Delay(backoff, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    /// <summary>The service's own process id (what a crash kills), which appears a moment after its watchdog starts.</summary>
    private static async Task<int> ProgramIdAsync(ChildProcess process)
    {
        for (var attempt = 0; attempt < 50 && !process.HasExited; attempt++)
        {
            if (process.ProgramId is { } id)
            {
                return id;
            }

            await Task.Delay(20);
        }

        return process.Id;
    }

    private async Task ProbeUntilExitAsync(ChildProcess process)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var wasRunning = false;
        while (!process.HasExited && !_stopping.IsCancellationRequested)
        {
            var healthy = false;
            try
            {
                using var response = await client.GetAsync(healthUri, _stopping.Token);
                healthy = response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (!process.HasExited && !_stopping.IsCancellationRequested)
            {
                wasRunning |= healthy;
                instance.Set(healthy ? ResourceState.Running : wasRunning ? ResourceState.Unhealthy : ResourceState.Starting,
                    healthy ? "Healthy" : "Unhealthy");
            }

            await Task.WhenAny(process.Exited, Task.Delay(healthy ? 2000 : 250, CancellationToken.None));
        }
    }
}
