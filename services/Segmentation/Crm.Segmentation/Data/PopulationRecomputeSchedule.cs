using Crm.Segmentation.Model;
using Microsoft.Extensions.Options;

namespace Crm.Segmentation.Data;

/// <summary>
/// Requests a full recompute job (<c>trigger: schedule</c>) when none has been requested for
/// <see cref="SegmentationOptions.RecomputeInterval"/>, looking first <see cref="SegmentationOptions.FirstRecomputeAfter"/>
/// after start-up and then every minute, so RFM quintiles and value deciles exist and stay close to the population.
/// The jobs table is the schedule's memory: a restart or a second replica adds no run.
/// </summary>
internal sealed partial class PopulationRecomputeSchedule(
    RecomputeJobStore jobs,
    RecomputeJobSignal signal,
    IOptions<SegmentationOptions> options,
    TimeProvider clock,
    ILogger<PopulationRecomputeSchedule> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RecomputeInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        await Task.Delay(options.Value.FirstRecomputeAfter, clock, stoppingToken);
        using var timer = new PeriodicTimer(interval < CheckEvery ? interval : CheckEvery, clock);
        do
        {
            try
            {
                var latest = await jobs.LatestRequestAsync(stoppingToken);
                if (latest is null || clock.GetUtcNow() - latest.Value >= interval)
                {
                    var (job, created) = await jobs.RequestAsync("schedule", stoppingToken);
                    if (created)
                    {
                        signal.Wake();
                        LogRequested(job.Id);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Scheduled full recompute {JobId} requested.")]
    private partial void LogRequested(Guid jobId);

    [LoggerMessage(LogLevel.Warning, "Requesting the scheduled full recompute failed; trying again at the next check.")]
    private partial void LogFailed(Exception exception);
}
