using System.Diagnostics;
using Crm.Hosting;
using Crm.Testing;

namespace Crm.Benchmarks.AppHost;

/// <summary>
/// Issue 3's figures: from the command to every resource healthy (first start on empty state, then a restart on
/// existing data), and idle memory per service and for the whole suite.
/// </summary>
public static class AppHostBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var idleSeconds = options.Int("idle", 15);
        var state = RunningAppHost.NewStateDirectory();
        try
        {
            await using (var first = await TimeStartAsync(state, "first start (empty state: initdb, new broker node)"))
            {
                await first.StopAsync();
            }

            await using var warm = await TimeStartAsync(state, "restart (existing data)");
            Console.WriteLine($"idle for {idleSeconds} s, then reading resident memory (VmRSS)...");
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            await ReportMemoryAsync(warm);
            await warm.StopAsync();
        }
        finally
        {
            TestFolders.TryDelete(state);
        }

        return 0;
    }

    private static async Task<RunningAppHost> TimeStartAsync(string state, string label)
    {
        var stopwatch = Stopwatch.StartNew();
        var host = await RunningAppHost.StartAsync(state);
        Console.WriteLine($"{label}: every resource healthy {stopwatch.Elapsed.TotalSeconds:F1} s after the command " +
            $"(AppHost's own clock: {host.ReadyAfterSeconds:F1} s)");
        return host;
    }

    private static async Task ReportMemoryAsync(RunningAppHost host)
    {
        var instances = await host.InstancesAsync();
        foreach (var (name, instance) in instances.OrderBy(pair => pair.Key))
        {
            if (instance.TryGetProperty("processId", out var pid) && pid.ValueKind == System.Text.Json.JsonValueKind.Number)
            {
                var tree = new[] { pid.GetInt32() }.Concat(ProcessTree.DescendantsOf(pid.GetInt32()).Select(process => process.Pid));
                Console.WriteLine($"  {name,-12} {Megabytes(tree.Sum(ProcessTree.ResidentBytes)),8:F0} MB");
            }
        }

        // RSS counts pages shared between processes (PostgreSQL's shared buffers) once per process: an upper bound.
        var everything = new[] { host.ProcessId }.Concat(ProcessTree.DescendantsOf(host.ProcessId).Select(process => process.Pid));
        Console.WriteLine($"  {"whole suite",-12} {Megabytes(everything.Sum(ProcessTree.ResidentBytes)),8:F0} MB (AppHost, broker, database, services, gateway, watchdogs)");
    }

    private static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;
}
