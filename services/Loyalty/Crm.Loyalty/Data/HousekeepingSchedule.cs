using Microsoft.Extensions.Options;

namespace Crm.Loyalty.Data;

/// <summary>Runs housekeeping every <see cref="LoyaltyOptions.HousekeepingInterval"/>, starting a minute after start-up.</summary>
internal sealed partial class HousekeepingSchedule(
    Housekeeping housekeeping, IOptions<LoyaltyOptions> options, TimeProvider clock, ILogger<HousekeepingSchedule> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.HousekeepingInterval <= TimeSpan.Zero)
        {
            return;
        }

        await Task.Delay(FirstRunAfter, clock, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.HousekeepingInterval, clock);
        do
        {
            try
            {
                if (await housekeeping.RunAsync(stoppingToken) is { } outcome)
                {
                    LogRan(outcome.PointsExpired, outcome.MembersWithExpiredPoints, outcome.ExpiryNotices, outcome.TierChanges, outcome.BirthdayAwards);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Housekeeping: {Points} points of {Members} members expired, {Notices} expiry notices, {TierChanges} tier changes, {Birthdays} birthday awards.")]
    private partial void LogRan(long points, int members, int notices, int tierChanges, int birthdays);

    [LoggerMessage(LogLevel.Error, "Housekeeping failed; the next run picks up what is still due.")]
    private partial void LogFailed(Exception exception);
}
