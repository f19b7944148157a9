using Crm.Segmentation.Model;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Runs the full population recompute shortly after start-up and then every
/// <see cref="SegmentationOptions.RecomputeInterval"/>, so RFM quintiles and value deciles exist and stay close to
/// the population; between runs each event is scored against them. Replicas take turns through an advisory lock.
/// </summary>
internal sealed partial class PopulationRecomputeSchedule(
    PopulationRecompute recompute,
    NpgsqlDataSource dataSource,
    IOptions<SegmentationOptions> options,
    TimeProvider clock,
    ILogger<PopulationRecomputeSchedule> logger) : BackgroundService
{
    private const string TryLockSql = "select pg_try_advisory_lock(hashtext('crm.segmentation.recompute'))";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RecomputeInterval <= TimeSpan.Zero)
        {
            return;
        }

        await Task.Delay(options.Value.FirstRecomputeAfter, clock, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RecomputeInterval, clock);
        do
        {
            await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
            await using var command = new NpgsqlCommand(TryLockSql, connection);
            if (await command.ExecuteScalarAsync(stoppingToken) is true)
            {
                var outcome = await recompute.RunAsync(stoppingToken);
                LogRecomputed(outcome.Customers, outcome.Buyers, outcome.Valued, outcome.Duration.TotalMilliseconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Population recompute: {Customers} customers ({Buyers} buyers, {Valued} with a lifetime value) rescored in {Milliseconds:F0} ms.")]
    private partial void LogRecomputed(int customers, int buyers, int valued, double milliseconds);
}
