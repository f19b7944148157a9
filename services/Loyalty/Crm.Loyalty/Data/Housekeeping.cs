using Crm.Data;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// The plan's work that time alone makes due: expiry, notices ahead of it, tier reviews (which also drop day counts no
/// window can reach) and birthday points. One replica at a time (advisory lock); a run that finds another in progress
/// does nothing.
/// </summary>
public sealed class Housekeeping(
    NpgsqlDataSource dataSource,
    PointsExpiry expiry,
    TierReviewRun tierReview,
    Birthdays birthdays,
    TimeProvider clock)
{
    private const string TryLockSql = "select pg_try_advisory_lock(hashtext('crm.loyalty.housekeeping'))";

    private const string UnlockSql = "select pg_advisory_unlock(hashtext('crm.loyalty.housekeeping'))";

    public async Task<HousekeepingOutcome?> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand(TryLockSql, connection))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        try
        {
            var now = clock.GetStoredUtcNow();
            var (members, points) = await expiry.ExpireAsync(now, cancellationToken);
            var notices = await expiry.GiveNoticeAsync(now, cancellationToken);
            var tierChanges = await tierReview.RunAsync(now, cancellationToken);
            var birthdayAwards = await birthdays.AwardAsync(now, cancellationToken);
            return new HousekeepingOutcome(now, members, points, notices, tierChanges, birthdayAwards);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand(UnlockSql, connection);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
