using Crm.Data;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// The plan's work that time alone makes due: expiry, notices ahead of it, tier reviews and birthday points. One
/// replica at a time (advisory lock); a run that finds another in progress does nothing.
/// </summary>
public sealed class Housekeeping(
    NpgsqlDataSource dataSource,
    PointsExpiry expiry,
    TierReviewRun tierReview,
    Birthdays birthdays,
    TimeProvider clock)
{
    private const string TryLockSql = "select pg_try_advisory_lock(hashtext('crm.loyalty.housekeeping'))";

    // Day counts older than any window a policy may have (a policy's window is at most 1,000 days) are never read again.
    private const string PruneSql = """
        with stale as (
            select a.customer_id, c.key from points_accounts a cross join lateral json_each_text(a.counters) as c
            where (c.key like 'earned|d:%' and c.key collate "C" < 'earned|d:' || @Before)
               or (c.key like 'spent|d:%' and c.key collate "C" < 'spent|d:' || @Before))
        update points_accounts a set counters = coalesce(
            (select json_object_agg(c.key, c.value) from json_each(a.counters) as c
             where c.key not in (select s.key from stale s where s.customer_id = a.customer_id)), '{}')
        where a.customer_id in (select customer_id from stale)
        """;

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
            await using (var prune = new NpgsqlCommand(PruneSql, connection))
            {
                prune.Parameters.AddWithValue("Before", now.AddDays(-1_001).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            return new HousekeepingOutcome(now, members, points, notices, tierChanges, birthdayAwards);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand(UnlockSql, connection);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
