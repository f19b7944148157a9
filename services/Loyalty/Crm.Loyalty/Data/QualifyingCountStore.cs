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
    // Each member's stored counts plus the moves of that member, summed by key, written back as the account's counters.
    private const string AddSql = """
        update points_accounts a set counters = (
            select json_object_agg(key, value) from (
                select key, sum(value) as value from (
                    select key, value::numeric as value from json_each_text(a.counters)
                    union all
                    select m.key, m.value from unnest(@CustomerIds, @Keys, @Values) as m(customer_id, key, value) where m.customer_id = a.customer_id
                ) as counts group by key
            ) as summed)
        where a.customer_id = any(@CustomerIds)
        """;

    public Task AddAsync(NpgsqlTransaction transaction, Guid customerId, DateTimeOffset day, long points, decimal spend, CancellationToken cancellationToken) =>
        AddAsync(transaction, [(customerId, day, points, spend)], cancellationToken);

    /// <summary>Several moves at once, in one statement.</summary>
    public Task AddAsync(
        NpgsqlTransaction transaction, IReadOnlyList<(Guid CustomerId, DateTimeOffset Day, long Points, decimal Spend)> moves, CancellationToken cancellationToken)
    {
        var counts = moves
            .SelectMany(move => new[] { (move.CustomerId, Key: QualifyingCounts.Earned(move.Day), Value: (decimal)move.Points), (move.CustomerId, Key: QualifyingCounts.Spent(move.Day), Value: move.Spend) })
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
