using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Reviews every member's tier a page at a time: rolling windows move and downgrade policies act with time alone,
/// without any new activity.
/// </summary>
public sealed class TierReviewRun(NpgsqlDataSource dataSource, TierReview review)
{
    private const int PageSize = 1_000;

    private const string PageSql = """
        select customer_id from points_accounts where customer_id > @After order by customer_id limit @PageSize for update
        """;

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (changed, after) = (0, Guid.Empty);
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var page = (await connection.QueryAsync<Guid>(new CommandDefinition(PageSql, new { After = after, PageSize }, transaction, cancellationToken: cancellationToken))).ToList();
            if (page.Count == 0)
            {
                return changed;
            }

            changed += await review.ReviewAsync(transaction, page, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            after = page[^1];
        }
    }
}
