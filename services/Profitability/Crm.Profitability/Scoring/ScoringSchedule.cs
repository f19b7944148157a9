using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Microsoft.Extensions.Options;

namespace Crm.Profitability.Scoring;

/// <summary>
/// Starts a scoring run when the last scheduled one is older than <see cref="LifetimeValueOptions.Schedule"/>,
/// with calibration up to yesterday (today's sales are still coming in). Checked every minute, so a restart or a
/// second replica does not start an extra run: the runs table is the schedule's memory.
/// </summary>
internal sealed class ScoringSchedule(
    ScoringRunStore runs,
    JobQueue queue,
    IOptions<LifetimeValueOptions> options,
    IOptions<ProfitabilityOptions> profitability,
    TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Schedule;
        if (schedule <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckEvery, clock);
        do
        {
            var latest = await runs.LatestScheduledAsync(stoppingToken);
            var now = clock.GetUtcNow();
            if (latest is null || now - latest.Value >= schedule)
            {
                var settings = ScoringRules.Settings(
                    null, options.Value, profitability.Value.ReportingCurrency, DateOnly.FromDateTime(now.UtcDateTime), new ValidationErrors())
                    ?? throw new InvalidOperationException("Profitability:LifetimeValue holds invalid defaults.");
                var run = await runs.CreateAsync(settings, "schedule", stoppingToken);
                queue.Enqueue(run.Id);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
