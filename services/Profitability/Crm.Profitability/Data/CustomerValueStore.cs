using Crm.Contracts;
using Crm.Contracts.Profitability;
using Crm.Messaging.Inbox;
using Crm.Profitability.Model;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Profitability.Data;

/// <summary>
/// Customers' latest values. A run's values are written a chunk at a time; in the same transaction the customers
/// whose churn band changed or whose value moved past the thresholds are announced through the outbox.
/// </summary>
public sealed class CustomerValueStore(NpgsqlDataSource dataSource, Crm.Messaging.Outbox.Outbox outbox)
{
    private const int EventBatchSize = 1_000;

    private const string CreateStagingSql = """
        create temporary table scored_values (like customer_values including defaults) on commit drop
        """;

    private const string CopySql = """
        copy scored_values (customer_id, run_id, lifetime_value, probability_alive, expected_purchases,
                            expected_average_spend, profit, churn_risk, frequency, recency, age, scored_at) from stdin (format binary)
        """;

    // Every customer's row is refreshed; only the moved ones come back, to be announced. A customer erased since the
    // run read the sales is neither stored nor announced.
    private const string MergeSql = """
        with kept as (
            select s.* from scored_values s where not exists (select from erased_customers e where e.customer_id = s.customer_id)
        ),
        previous as (
            select s.customer_id,
                   o.customer_id is null
                   or o.churn_risk <> s.churn_risk
                   or abs(o.lifetime_value - s.lifetime_value) > greatest(@AbsoluteChange, @RelativeChange * abs(o.lifetime_value))
                   or abs(o.profit - s.profit) > greatest(@AbsoluteChange, @RelativeChange * abs(o.profit)) as moved
            from kept s left join customer_values o using (customer_id)
        ),
        merged as (
            insert into customer_values select * from kept
            on conflict (customer_id) do update set
                run_id = excluded.run_id, lifetime_value = excluded.lifetime_value, probability_alive = excluded.probability_alive,
                expected_purchases = excluded.expected_purchases, expected_average_spend = excluded.expected_average_spend,
                profit = excluded.profit, churn_risk = excluded.churn_risk, frequency = excluded.frequency,
                recency = excluded.recency, age = excluded.age, scored_at = excluded.scored_at
        )
        select s.customer_id as CustomerId, s.run_id as RunId, s.lifetime_value as LifetimeValue, s.probability_alive as ProbabilityAlive,
               s.expected_purchases as ExpectedPurchases, s.expected_average_spend as ExpectedAverageSpend, s.profit, s.churn_risk as ChurnRisk,
               s.frequency, s.recency, s.age, s.scored_at as ScoredAt
        from kept s join previous p using (customer_id)
        where p.moved
        """;

    private const string FindSql = """
        select customer_id as CustomerId, run_id as RunId, lifetime_value as LifetimeValue, probability_alive as ProbabilityAlive,
               expected_purchases as ExpectedPurchases, expected_average_spend as ExpectedAverageSpend, profit, churn_risk as ChurnRisk,
               frequency, recency, age, scored_at as ScoredAt
        from customer_values where customer_id = @CustomerId
        """;

    /// <summary>Stores one chunk of a run's values and announces the moved ones; returns how many moved.</summary>
    public async Task<int> WriteAsync(
        IReadOnlyList<CustomerValue> values, ScoringRunSettings settings, LifetimeValueOptions thresholds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ErasureGate.PassAsync(transaction, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: transaction, cancellationToken: cancellationToken));
        await using (var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
        {
            foreach (var value in values)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(value.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(value.RunId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(value.LifetimeValue, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(value.ProbabilityAlive, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(value.ExpectedPurchases, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(value.ExpectedAverageSpend, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(value.Profit, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(value.ChurnRisk, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(value.Frequency, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(value.Recency, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(value.Age, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(value.ScoredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var moved = (await connection.QueryAsync<CustomerValue>(new CommandDefinition(
            MergeSql, new { thresholds.AbsoluteChange, thresholds.RelativeChange }, transaction, cancellationToken: cancellationToken))).AsList();
        var events = moved.Chunk(EventBatchSize)
            .Select(batch => (IIntegrationEvent)new CustomerValuesUpdated(
                Guid.CreateVersion7(), now, batch[0].RunId, [.. batch.Select(value => Announcement(value, settings, now))]))
            .ToList();
        await outbox.EnqueueAsync(transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved.Count;
    }

    public async Task<CustomerValue?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CustomerValue>(new CommandDefinition(
            FindSql, new { CustomerId = customerId }, cancellationToken: cancellationToken));
    }

    private static CustomerValueUpdated Announcement(CustomerValue value, ScoringRunSettings settings, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, value.CustomerId, value.LifetimeValue, value.ProbabilityAlive, value.ExpectedPurchases,
        value.Profit, settings.Currency, value.ChurnRisk, settings.HorizonMonths);
}
