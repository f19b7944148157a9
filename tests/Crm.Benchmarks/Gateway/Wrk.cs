using System.Collections.Concurrent;
using System.Globalization;
using Crm.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>Runs the <c>wrk</c> load generator, under the same watchdog as the servers so it never outlives the benchmark.</summary>
public sealed class Wrk(string path)
{
    public string Path => path;

    public async Task<WrkResult> RunAsync(Uri url, WrkLoad load, CancellationToken cancellationToken)
    {
        var lines = new ConcurrentQueue<string>();
        await using var process = ChildProcess.Start(new ChildProcessSpec(path,
        [
            "--threads", load.Threads.ToString(CultureInfo.InvariantCulture),
            "--connections", load.Connections.ToString(CultureInfo.InvariantCulture),
            "--duration", $"{load.Seconds.ToString(CultureInfo.InvariantCulture)}s",
            "--latency",
            url.ToString(),
        ])
        {
            Output = lines.Enqueue,
        });

        var exitCode = await process.Exited.WaitAsync(TimeSpan.FromSeconds(load.Seconds + 30), cancellationToken);
        var report = string.Join(Environment.NewLine, lines);
        return exitCode == 0
            ? WrkResult.Parse(report)
            : throw new InvalidOperationException($"wrk against {url} failed with exit code {exitCode}:{Environment.NewLine}{report}");
    }
}
