using Crm.Contracts.Profitability;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Value;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>Customers' values from profitability, placed in value tiers and profit bands as they arrive.</summary>
public sealed class CustomerValueFacts(IOptions<SegmentationOptions> options)
{
    private const string DecilesSql = "select cuts from breakpoints where name = 'valueDeciles'";

    private const string UpdateSql = """
        insert into customer_facts (customer_id, lifetime_value, probability_alive, profit, churn_risk, value_decile, value_tier, profit_band, updated_at)
        select *, now() from unnest(@CustomerIds, @Values, @Alive, @Profits, @ChurnRisks, @Deciles, @Tiers, @Bands)
        on conflict (customer_id) do update set
            lifetime_value = excluded.lifetime_value, probability_alive = excluded.probability_alive, profit = excluded.profit,
            churn_risk = excluded.churn_risk, value_decile = excluded.value_decile, value_tier = excluded.value_tier,
            profit_band = excluded.profit_band, updated_at = excluded.updated_at
        """;

    public async Task RecordAsync(NpgsqlTransaction transaction, IReadOnlyList<CustomerValueUpdated> values, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var cuts = await connection.QuerySingleOrDefaultAsync<double[]>(new CommandDefinition(DecilesSql, transaction: transaction, cancellationToken: cancellationToken));
        // Until a full recompute has measured the population, a value has no decile yet.
        var deciles = cuts is { Length: 9 } ? ValueDeciles.From(cuts) : null;
        var placed = values.Select(v => deciles?.DecileOf((double)v.LifetimeValue)).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            CustomerIds = values.Select(v => v.CustomerId).ToArray(),
            Values = values.Select(v => v.LifetimeValue).ToArray(),
            Alive = values.Select(v => v.ProbabilityAlive).ToArray(),
            Profits = values.Select(v => v.Profit).ToArray(),
            ChurnRisks = values.Select(v => v.ChurnRisk).ToArray(),
            Deciles = placed.Select(d => (short?)d).ToArray(),
            Tiers = placed.Select(d => d is { } decile ? ValueTiers.OfDecile(decile) : null).ToArray(),
            Bands = values.Select(v => ValueTiers.ProfitBand(v.Profit, options.Value.BreakEvenProfit)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }
}
