using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Rules;
using Crm.Segmentation.Model.Value;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>A customer's facts, with RFM scores and value tier placed against the population's current cut points.</summary>
public sealed class CustomerFactQueries(NpgsqlDataSource dataSource, BreakpointStore breakpoints, TimeProvider clock)
{
    private const string Sql = """
        select f.customer_id, f.acquisition_source, f.country, f.customer_since, f.first_purchase, f.last_purchase, f.purchase_days,
               f.revenue, f.lifetime_value, f.probability_alive, f.profit, f.churn_risk, f.profit_band,
               coalesce((select array_agg(c.channel || ':' || c.purpose order by c.channel, c.purpose)
                         from consents c where c.customer_id = f.customer_id and c.granted), '{}'),
               f.attributes::text
        from customer_facts f where f.customer_id = @CustomerId
        """;

    public async Task<CustomerFactsView?> FindAsync(Guid customerId, CancellationToken cancellationToken) =>
        (await ReadAsync(customerId, cancellationToken))?.View;

    /// <summary>The customer's facts as segment rules read them.</summary>
    public async Task<CustomerFacts?> FindForRulesAsync(Guid customerId, CancellationToken cancellationToken) =>
        await ReadAsync(customerId, cancellationToken) is var (view, attributes) ? RuleFacts.Of(view, attributes) : null;

    private async Task<(CustomerFactsView View, string? Attributes)?> ReadAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rfm = await breakpoints.RfmAsync(connection, null, cancellationToken);
        var deciles = await breakpoints.ValueDecilesAsync(connection, null, cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("CustomerId", customerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        T? Get<T>(int ordinal) => reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);
        var lastPurchase = Get<DateOnly?>(5);
        var purchaseDays = reader.GetInt32(6);
        var revenue = reader.GetDecimal(7);
        var lifetimeValue = Get<decimal?>(8);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Before the first full recompute there are no cut points, and so no scores yet.
        var score = rfm is not null && lastPurchase is { } last ? rfm.Score(new RfmInput(today.DayNumber - last.DayNumber, purchaseDays, revenue)) : null;
        var decile = deciles is not null && lifetimeValue is { } value ? deciles.DecileOf((double)value) : (int?)null;
        return (new CustomerFactsView(
            reader.GetGuid(0), Get<string>(1), Get<string>(2), Get<DateOnly?>(3), Get<DateOnly?>(4), lastPurchase,
            purchaseDays, revenue, score?.Recency, score?.Frequency, score?.Monetary, score?.Segment, lifetimeValue,
            Get<double?>(9), Get<decimal?>(10), Get<string>(11), decile, decile is { } d ? ValueTiers.OfDecile(d) : null,
            Get<string>(12), reader.GetFieldValue<string[]>(13)), Get<string>(14));
    }
}
