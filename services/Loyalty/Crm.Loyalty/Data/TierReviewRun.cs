using Crm.Loyalty.Model.Tiers;
using Crm.Messaging.Inbox;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Reviews every member's tier a page at a time: rolling windows move and downgrade policies act with time alone,
/// without any new activity. The same walk drops day counts older than any window from the page's counters. Each page
/// is locked in key order, as earning locks members, and commits on its own, so a batch waits for one page at most.
/// </summary>
public sealed class TierReviewRun(NpgsqlDataSource dataSource, TierReview review)
{
    private const int PageSize = 1_000;

    private const string PageSql = """
        select customer_id from points_accounts where customer_id > @After order by customer_id limit @PageSize for update
        """;

    // A policy's window is at most TierPolicyDefinition.MaxWindowDays: day counts before then are never read again. Keys
    // compare as their dates, byte by byte.
    private const string PruneSql = """
        update points_accounts a set counters = pruned.counters
        from (
            select p.customer_id, coalesce(json_object_agg(c.key, c.value) filter (where not c.stale), '{}') as counters
            from points_accounts p
            cross join lateral (
                select key, value, (starts_with(key, @EarnedPrefix) and key collate "C" < @EarnedBefore)
                                or (starts_with(key, @SpentPrefix) and key collate "C" < @SpentBefore) as stale
                from json_each(p.counters)) as c
            where p.customer_id = any(@CustomerIds)
            group by p.customer_id
            having bool_or(c.stale)) as pruned
        where a.customer_id = pruned.customer_id
        """;

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (changed, after) = (0, Guid.Empty);
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ErasureGate.PassAsync(transaction, cancellationToken);
            var page = (await connection.QueryAsync<Guid>(new CommandDefinition(PageSql, new { After = after, PageSize }, transaction, cancellationToken: cancellationToken))).ToList();
            if (page.Count == 0)
            {
                return changed;
            }

            changed += await review.ReviewAsync(transaction, page, now, cancellationToken);
            var kept = now.AddDays(-TierPolicyDefinition.MaxWindowDays - 1);
            await connection.ExecuteAsync(new CommandDefinition(PruneSql, new
            {
                CustomerIds = page.ToArray(),
                QualifyingCounts.EarnedPrefix,
                EarnedBefore = QualifyingCounts.Earned(kept),
                QualifyingCounts.SpentPrefix,
                SpentBefore = QualifyingCounts.Spent(kept),
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            after = page[^1];
        }
    }
}
