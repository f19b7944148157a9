using Microsoft.Extensions.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// A host lifetime that ignores Ctrl+C and SIGTERM. The default one would stop the in-process backend on its own
/// and leave the benchmark measuring a dead server; the benchmark handles those signals itself and stops everything in order.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
