using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults;

/// <summary>
/// Runs the jobs of a <see cref="JobQueue"/> one at a time, in the order they were queued, until the host stops.
/// A job cut short by the stop is the subclass's to recover (typically marked interrupted at the next start).
/// </summary>
public abstract class JobWorker(JobQueue queue) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in queue.ReadAllAsync(stoppingToken))
            {
                await RunJobAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    protected abstract Task RunJobAsync(Guid jobId, CancellationToken stoppingToken);
}
