using Crm.Profitability.Model;
using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>P&amp;Ls read from the stored facts and the cost model, for one customer or rolled up.</summary>
public sealed class PnlQueries(NpgsqlDataSource dataSource)
{
    private const string CustomerSql = $"""
        {PnlSql.CustomerPnl}
        select customer_id as CustomerId, transactions, interactions, {PnlSql.Lines} from customer_pnl
        """;

    private const string ExcludedSql = """
        select count(*)::integer from transaction_facts
        where currency <> @Currency and occurred_at >= @From and occurred_at < @To and not reversed
          and (@CustomerId::uuid is null or customer_id = @CustomerId)
        """;

    private const string UnprofitableSql = $"""
        {PnlSql.CustomerPnl}
        select customer_id as CustomerId, transactions, interactions, {PnlSql.Lines} from customer_pnl
        where round({PnlSql.Profit}, 2) < 0
        order by {PnlSql.Profit}, customer_id
        limit @Limit
        """;

    private const string ByAcquisitionSourceSql = $"""
        {PnlSql.CustomerPnl}
        select coalesce(c.acquisition_source, 'unknown') as "Group", count(*)::integer as Customers, {PnlSql.SumLines}
        from customer_pnl p left join customers c using (customer_id)
        group by 1 order by 1
        """;

    // Current members, whatever they were in the period; a customer in several segments counts in each. The segment
    // goes by its newest name, which every membership change records too.
    private const string BySegmentSql = $"""
        {PnlSql.CustomerPnl}
        select n.segment_id as SegmentId, n.name as "Group", count(*)::integer as Customers, {PnlSql.SumLines}
        from customer_pnl p
        join segment_memberships m on m.customer_id = p.customer_id and m.is_member
        join segment_names n on n.segment_id = m.segment_id
        group by n.segment_id order by 2, 1
        """;

    private const string ProfitsSql = $"""
        {PnlSql.CustomerPnl}
        select customer_id as CustomerId, {PnlSql.Lines} from customer_pnl
        """;

    public async Task<CustomerProfitAndLoss> ForCustomerAsync(Guid customerId, PnlPeriod period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = Parameters(period, customerId);
        var row = await connection.QuerySingleOrDefaultAsync<PnlRow>(new CommandDefinition(CustomerSql, parameters, cancellationToken: cancellationToken));
        var excluded = await connection.ExecuteScalarAsync<int>(new CommandDefinition(ExcludedSql, parameters, cancellationToken: cancellationToken));
        return new CustomerProfitAndLoss(
            customerId, period.From, period.To, period.Currency,
            row?.Transactions ?? 0, row?.Interactions ?? 0, row?.ToLines() ?? ProfitAndLoss.Empty, excluded);
    }

    /// <summary>The least profitable customers first (those with a loss only), each with the cost line that weighs most.</summary>
    public async Task<IReadOnlyList<UnprofitableCustomer>> UnprofitableAsync(PnlPeriod period, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PnlRow>(new CommandDefinition(
            UnprofitableSql, new { period.From, period.To, period.Currency, CustomerId = (Guid?)null, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row =>
        {
            var lines = row.ToLines();
            return new UnprofitableCustomer(row.CustomerId, lines.Profit, lines.LargestCostLine(), lines);
        })];
    }

    public Task<IReadOnlyList<ProfitRollup>> ByAcquisitionSourceAsync(PnlPeriod period, CancellationToken cancellationToken) =>
        RollupAsync(ByAcquisitionSourceSql, period, (row, lines, perCustomer) => new ProfitRollup(row.Group!, row.Customers, lines, perCustomer), cancellationToken);

    public Task<IReadOnlyList<SegmentProfitRollup>> BySegmentAsync(PnlPeriod period, CancellationToken cancellationToken) =>
        RollupAsync(BySegmentSql, period, (row, lines, perCustomer) => new SegmentProfitRollup(row.SegmentId, row.Group!, row.Customers, lines, perCustomer), cancellationToken);

    /// <summary>Profit to date of every customer with a P&amp;L, for the scoring run.</summary>
    public async Task<Dictionary<Guid, decimal>> ProfitsAsync(PnlPeriod period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var profits = new Dictionary<Guid, decimal>();
        var rows = connection.QueryUnbufferedAsync<PnlRow>(ProfitsSql, Parameters(period, null));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            profits[row.CustomerId] = row.ToLines().Profit;
        }

        return profits;
    }

    /// <summary>Groups of customers (one row each from <paramref name="sql"/>), each with its lines and profit per customer.</summary>
    private async Task<IReadOnlyList<T>> RollupAsync<T>(
        string sql, PnlPeriod period, Func<PnlRow, ProfitAndLoss, decimal, T> rollup, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PnlRow>(new CommandDefinition(sql, Parameters(period, null), cancellationToken: cancellationToken));
        return [.. rows.Select(row =>
        {
            var lines = row.ToLines();
            return rollup(row, lines, row.Customers == 0 ? 0 : decimal.Round(lines.Profit / row.Customers, 2));
        })];
    }

    private static object Parameters(PnlPeriod period, Guid? customerId) =>
        new { period.From, period.To, period.Currency, CustomerId = customerId };
}
