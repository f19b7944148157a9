using Crm.Contracts.Profitability;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Value;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>Customers' values from profitability, with their profit band, as they arrive (value tiers are placed when read).</summary>
public sealed class CustomerValueFacts(IOptions<SegmentationOptions> options)
{
    // Value runs travel in their own stream and can name a customer erased since: erased customers are skipped.
    private const string UpdateSql = """
        insert into customer_facts (customer_id, lifetime_value, probability_alive, profit, churn_risk, profit_band, updated_at)
        select *, now() from unnest(@CustomerIds, @Values, @Alive, @Profits, @ChurnRisks, @Bands) as c(customer_id, lifetime_value, probability_alive, profit, churn_risk, profit_band)
        where not exists (select from erased_customers e where e.customer_id = c.customer_id)
        on conflict (customer_id) do update set
            lifetime_value = excluded.lifetime_value, probability_alive = excluded.probability_alive, profit = excluded.profit,
            churn_risk = excluded.churn_risk, profit_band = excluded.profit_band, updated_at = excluded.updated_at
        """;

    public Task RecordAsync(NpgsqlTransaction transaction, IReadOnlyList<CustomerValueUpdated> values, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            CustomerIds = values.Select(v => v.CustomerId).ToArray(),
            Values = values.Select(v => v.LifetimeValue).ToArray(),
            Alive = values.Select(v => v.ProbabilityAlive).ToArray(),
            Profits = values.Select(v => v.Profit).ToArray(),
            ChurnRisks = values.Select(v => v.ChurnRisk).ToArray(),
            Bands = values.Select(v => ValueTiers.ProfitBand(v.Profit, options.Value.BreakEvenProfit)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
}
