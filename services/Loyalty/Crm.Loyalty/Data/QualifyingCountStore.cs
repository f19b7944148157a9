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
        insert into earning_counters (customer_id, key, value) select @CustomerId, k, v from unnest(@Keys, @Values) as c(k, v)
        on conflict (customer_id, key) do update set value = earning_counters.value + excluded.value
        """;

    public Task AddAsync(NpgsqlTransaction transaction, Guid customerId, DateTimeOffset day, long points, decimal spend, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(AddSql, new
        {
            CustomerId = customerId,
            Keys = new[] { QualifyingCounts.Earned(day), QualifyingCounts.Spent(day) },
            Values = new[] { (decimal)points, spend },
        }, transaction, cancellationToken: cancellationToken));
}
