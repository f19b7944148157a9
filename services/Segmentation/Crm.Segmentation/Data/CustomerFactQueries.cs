using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Rules;
using Crm.Segmentation.Model.Value;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Customers' facts, with RFM scores and value tier placed against the population's current cut points: for one
/// customer (the API), for the customers an event touched, or a page at a time for a recompute.
/// </summary>
public sealed class CustomerFactQueries(NpgsqlDataSource dataSource, BreakpointStore breakpoints, TimeProvider clock)
{
    private const string Select = """
        select f.customer_id, f.acquisition_source, f.country, f.customer_since, f.first_purchase, f.last_purchase, f.purchase_days,
               f.revenue, f.lifetime_value, f.probability_alive, f.profit, f.churn_risk, f.profit_band,
               coalesce((select array_agg(c.channel || ':' || c.purpose order by c.channel, c.purpose)
                         from consents c where c.customer_id = f.customer_id and c.granted), '{}'),
               f.attributes::text, f.loyalty_tier
        from customer_facts f
        """;

    private const string ByIdsSql = $"{Select} where f.customer_id = any(@CustomerIds)";

    private const string PageSql = $"{Select} where f.customer_id > @After order by f.customer_id limit @Limit";

    public async Task<CustomerFactsView?> FindAsync(Guid customerId, CancellationToken cancellationToken) =>
        (await FindForRulesAsync(customerId, cancellationToken))?.View;

    public async Task<CustomerFactsRow?> FindForRulesAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await ReadManyAsync(connection, null, [customerId], cancellationToken)).SingleOrDefault();
    }

    /// <summary>The facts of <paramref name="customerIds"/> that segmentation knows, inside the caller's transaction.</summary>
    public Task<IReadOnlyList<CustomerFactsRow>> ReadManyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid[] customerIds, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, ByIdsSql, command => command.Parameters.AddWithValue("CustomerIds", customerIds), cancellationToken);

    /// <summary>Up to <paramref name="limit"/> customers after <paramref name="after"/>, in id order.</summary>
    public Task<IReadOnlyList<CustomerFactsRow>> ReadPageAsync(
        NpgsqlConnection connection, Guid after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(connection, null, PageSql, command =>
        {
            command.Parameters.AddWithValue("After", after);
            command.Parameters.AddWithValue("Limit", limit);
        }, cancellationToken);

    private async Task<IReadOnlyList<CustomerFactsRow>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        var cuts = await breakpoints.ReadAsync(connection, transaction, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        parameters(command);
        var rows = new List<CustomerFactsRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Row(reader, cuts.Rfm, cuts.ValueDeciles, today));
        }

        return rows;
    }

    private static CustomerFactsRow Row(NpgsqlDataReader reader, RfmBreakpoints? rfm, ValueDeciles? deciles, DateOnly today)
    {
        T? Get<T>(int ordinal) => reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);
        var lastPurchase = Get<DateOnly?>(5);
        var purchaseDays = reader.GetInt32(6);
        var revenue = reader.GetDecimal(7);
        var lifetimeValue = Get<decimal?>(8);
        int? daysSinceLastPurchase = lastPurchase is { } last ? today.DayNumber - last.DayNumber : null;
        var score = rfm is not null && daysSinceLastPurchase is { } days ? rfm.Score(new RfmInput(days, purchaseDays, revenue)) : null;
        var decile = deciles is not null && lifetimeValue is { } value ? deciles.DecileOf((double)value) : (int?)null;
        var view = new CustomerFactsView(
            reader.GetGuid(0), Get<string>(1), Get<string>(2), Get<DateOnly?>(3), Get<DateOnly?>(4), lastPurchase,
            purchaseDays, revenue, score?.Recency, score?.Frequency, score?.Monetary, score?.Segment, lifetimeValue,
            Get<double?>(9), Get<decimal?>(10), Get<string>(11), decile, decile is { } d ? ValueTiers.OfDecile(d) : null,
            Get<string>(12), reader.GetFieldValue<string[]>(13), Get<string>(15));
        return new CustomerFactsRow(view, RuleFacts.Of(view, Get<string>(14), daysSinceLastPurchase));
    }
}
