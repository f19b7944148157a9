using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>Programme KPIs from the ledger, in one statement.</summary>
public sealed class KpiQueries(NpgsqlDataSource dataSource, IOptions<LoyaltyOptions> options, TimeProvider clock)
{
    // Issued: earned and credited by hand. Reversed: earnings taken back by returns and reversals, net of returns
    // reversed since (given back as positive 'reverse' entries of the sale). Redeemed: spent on rewards, net of
    // cancelled reservations (given back as positive 'reverse' entries of the redemption).
    private const string KpiSql = """
        select
            (select count(*) from points_accounts) as Members,
            count(distinct customer_id) filter (where kind in ('earn', 'redeem')) as ActiveMembers,
            coalesce(sum(points) filter (where kind = 'earn' or (kind = 'adjust' and points > 0 and source <> 'erasure')), 0)::bigint as Issued,
            coalesce(-sum(points) filter (where kind = 'reverse' and source like 'transaction:%'), 0)::bigint as Reversed,
            coalesce(-sum(points) filter (where kind = 'redeem' or (kind = 'reverse' and points > 0 and source like 'redemption:%')), 0)::bigint as Redeemed,
            coalesce(-sum(points) filter (where kind = 'expire'), 0)::bigint as Expired,
            (select coalesce(sum(remaining), 0)::bigint from earning_batches where remaining > 0 and expires_at > @Now) as Outstanding
        from ledger_entries
        where occurred_at >= @From and occurred_at < @To
        """;

    public async Task<ProgrammeKpis> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Members, long ActiveMembers, long Issued, long Reversed, long Redeemed, long Expired, long Outstanding)>(
            new CommandDefinition(KpiSql, new { From = from, To = to, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        var settings = options.Value;
        return new ProgrammeKpis(from, to, row.Members, row.ActiveMembers, row.Issued, row.Reversed, row.Redeemed, row.Expired,
            Share(row.Redeemed, row.Issued), Share(row.Expired, row.Issued),
            row.Outstanding, settings.CostPerPoint, row.Outstanding * settings.CostPerPoint, settings.Currency);
    }

    private static decimal? Share(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
