using Crm.Data;
using Crm.Loyalty.Model;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

public sealed class PointsAccountStore(NpgsqlDataSource dataSource, TierReview tiers, TimeProvider clock)
{
    // A sale can open the account before the registration arrives; the registration then changes nothing.
    private const string OpenManySql = """
        insert into points_accounts (customer_id, opened_at) select * from unnest(@CustomerIds, @OpenedAts)
        on conflict (customer_id) do update set opened_at = least(points_accounts.opened_at, excluded.opened_at)
        """;

    // The balance is what the batches hold: one indexed read of the customer's unspent batches.
    private const string SelectSql = """
        select a.customer_id as CustomerId, a.opened_at as OpenedAt, a.tier, a.tier_since as TierSince,
               coalesce(sum(b.remaining) filter (where b.available_at <= @Now), 0)::bigint as Available,
               coalesce(sum(b.remaining) filter (where b.available_at > @Now), 0)::bigint as Pending,
               coalesce(sum(b.remaining) filter (where b.expires_at = e.next_expiry), 0)::bigint as ExpiringPoints,
               min(e.next_expiry) as NextExpiry
        from points_accounts a
        left join earning_batches b on b.customer_id = a.customer_id and b.remaining > 0 and b.expires_at > @Now
        left join lateral (select min(expires_at) as next_expiry from earning_batches
                           where customer_id = a.customer_id and remaining > 0 and expires_at > @Now) e on true
        where a.customer_id = @CustomerId
        group by a.customer_id
        """;

    private const string ExistsSql = "select exists (select 1 from points_accounts where customer_id = @CustomerId)";

    /// <summary>
    /// Opens the accounts of newly registered customers inside the caller's (inbox) transaction and, while a tier policy
    /// exists, places them at once (in its entry tier, unless sales that came first reached higher; announced like any
    /// placement) rather than at their first activity.
    /// </summary>
    public async Task OpenAsync(NpgsqlTransaction transaction, IReadOnlyList<(Guid CustomerId, DateTimeOffset OpenedAt)> accounts, CancellationToken cancellationToken)
    {
        // In key order, as earning locks accounts: an import of registrations and a batch of sales for the same
        // members then queue instead of deadlocking.
        accounts = [.. accounts.OrderBy(a => a.CustomerId)];
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            OpenManySql,
            new { CustomerIds = accounts.Select(a => a.CustomerId).ToArray(), OpenedAts = accounts.Select(a => a.OpenedAt.UtcDateTime).ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        // The insert holds the accounts' row locks, as a review needs.
        await tiers.ReviewAsync(transaction, [.. accounts.Select(a => a.CustomerId)], clock.GetStoredUtcNow(), cancellationToken);
    }

    public async Task<PointsAccount?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PointsAccount>(new CommandDefinition(
            SelectSql, new { CustomerId = customerId, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether the member has an account (an erased member's is gone).</summary>
    public async Task<bool> ExistsAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ExistsSql, new { CustomerId = customerId }, cancellationToken: cancellationToken));
    }
}
