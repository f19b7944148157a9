using Crm.Segmentation.Model.Rules;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Every customer's behavioural features for a clustering, read lean: the few columns they come from, each row put in
/// one reused <see cref="CustomerFacts"/> and read by the same <see cref="BehaviouralFeature.Read"/> a saved cluster's
/// rule uses, with days since the last purchase counted to the same today as the facts segment rules see.
/// </summary>
public sealed class ClusteringFeatureReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // In storage order: ordering by id in SQL walks the index to random pages, seconds for a million customers; the
    // rows are put in id order in memory instead.
    private const string FactsSql = """
        select customer_id, last_purchase, purchase_days, revenue, lifetime_value, probability_alive, profit from customer_facts
        """;

    // Which customers have every chosen feature, in SQL: a feature is missing exactly when its columns say so here.
    private const string CompleteSql = """
        select count(*)::integer from customer_facts
        where (last_purchase is not null or not @NeedsLastPurchase)
          and (purchase_days > 0 or not @NeedsPurchaseDays)
          and (lifetime_value is not null or not @NeedsLifetimeValue)
          and (probability_alive is not null or not @NeedsProbabilityAlive)
          and (profit is not null or not @NeedsProfit)
        """;

    /// <summary>Customers with a value for every one of <paramref name="features"/>: those a clustering on them can use.</summary>
    public async Task<int> CountCompleteAsync(IReadOnlyList<BehaviouralFeature> features, CancellationToken cancellationToken)
    {
        bool Uses(string name) => features.Any(feature => feature.Name == name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(CompleteSql, new
        {
            NeedsLastPurchase = Uses(BehaviouralFeatures.DaysSinceLastPurchase),
            NeedsPurchaseDays = Uses(BehaviouralFeatures.AverageOrderValue),
            NeedsLifetimeValue = Uses(BehaviouralFeatures.LifetimeValue),
            NeedsProbabilityAlive = Uses(BehaviouralFeatures.ProbabilityAlive),
            NeedsProfit = Uses(BehaviouralFeatures.Profit),
        }, cancellationToken: cancellationToken));
    }

    public async Task<ClusteringInput> ReadAsync(IReadOnlyList<BehaviouralFeature> features, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var d = features.Count;
        var customers = new List<Guid>();
        var values = new List<double>();
        var missing = new int[d];
        var row = new double[d];
        var customer = new CustomerFacts();
        var read = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(FactsSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read++;
            customer.DaysSinceLastPurchase = reader.IsDBNull(1) ? null : today.DayNumber - reader.GetFieldValue<DateOnly>(1).DayNumber;
            customer.Purchases = reader.GetInt32(2);
            customer.Revenue = reader.GetDecimal(3);
            customer.LifetimeValue = reader.IsDBNull(4) ? null : reader.GetDecimal(4);
            customer.ProbabilityAlive = reader.IsDBNull(5) ? null : reader.GetDouble(5);
            customer.Profit = reader.IsDBNull(6) ? null : reader.GetDecimal(6);
            var complete = true;
            for (var j = 0; j < d; j++)
            {
                if (features[j].Read(customer) is { } value)
                {
                    row[j] = value;
                }
                else
                {
                    missing[j]++;
                    complete = false;
                }
            }

            if (complete)
            {
                customers.Add(reader.GetGuid(0));
                values.AddRange(row);
            }
        }

        return new ClusteringInput(InIdOrder(customers, values, d), read, missing);
    }

    /// <summary>
    /// The rows in customer id order, whatever order they were stored in: k-means++ draws customers by position, so the
    /// same customers and the same seed then give the same clusters.
    /// </summary>
    private static double[] InIdOrder(List<Guid> customers, List<double> values, int d)
    {
        var ids = customers.ToArray();
        var positions = new int[ids.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        Array.Sort(ids, positions);
        var ordered = new double[values.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            values.CopyTo(positions[i] * d, ordered, i * d, d);
        }

        return ordered;
    }
}
