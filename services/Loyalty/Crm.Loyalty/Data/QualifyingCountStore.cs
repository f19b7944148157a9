using Crm.Loyalty.Model.Tiers;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Moves a member's per-day qualifying counts outside a batch (a partner's earn, a return taking points back), in the
/// caller's transaction.
/// </summary>
public sealed class QualifyingCountStore
{
    private const string AddSql = """
        insert into earning_counters (customer_id, key, value) select * from unnest(@CustomerIds, @Keys, @Values)
        on conflict (customer_id, key) do update set value = earning_counters.value + excluded.value
        """;

    public Task AddAsync(NpgsqlTransaction transaction, Guid customerId, DateTimeOffset day, long points, decimal spend, CancellationToken cancellationToken) =>
        AddAsync(transaction, [(customerId, day, points, spend)], cancellationToken);

    /// <summary>Several moves at once; moves of one member on one day are summed first (a statement may touch a row once).</summary>
    public Task AddAsync(
        NpgsqlTransaction transaction, IReadOnlyList<(Guid CustomerId, DateTimeOffset Day, long Points, decimal Spend)> moves, CancellationToken cancellationToken)
    {
        var counts = moves
            .SelectMany(move => new[] { (move.CustomerId, Key: QualifyingCounts.Earned(move.Day), Value: (decimal)move.Points), (move.CustomerId, Key: QualifyingCounts.Spent(move.Day), Value: move.Spend) })
            .GroupBy(count => (count.CustomerId, count.Key))
            .Select(group => (group.Key.CustomerId, group.Key.Key, Value: group.Sum(count => count.Value)))
            .ToList();
        return counts.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(AddSql, new
            {
                CustomerIds = counts.Select(count => count.CustomerId).ToArray(),
                Keys = counts.Select(count => count.Key).ToArray(),
                Values = counts.Select(count => count.Value).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
    }
}
