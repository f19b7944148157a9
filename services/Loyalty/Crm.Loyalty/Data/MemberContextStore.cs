using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Opens (if need be) and locks the accounts of a batch's customers, and reads what their earn rules need, in one
/// round trip. The account locks serialise two batches about one customer, so running counts are never lost.
/// </summary>
public sealed class MemberContextStore
{
    // A sale can arrive before the registration it follows; its customer gets an account then and there.
    private const string OpenSql = """
        insert into points_accounts (customer_id, opened_at)
        select distinct id, @Now from unnest(@CustomerIds) as c(id) where not exists (select from erased_members e where e.customer_id = c.id)
        on conflict do nothing
        """;

    // Locked in key order so two batches sharing customers cannot deadlock.
    private const string ReadSql = $$"""
        {{MemberStanding.Select}} where customer_id = any(@LockedIds) order by customer_id for update;
        select customer_id, segment_name from customer_segments where customer_id = any(@CustomerIds);
        select customer_id, key, value from earning_counters where customer_id = any(@CustomerIds);
        """;

    private const string SaveCountersSql = """
        insert into earning_counters (customer_id, key, value) select * from unnest(@CustomerIds, @Keys, @Values)
        on conflict (customer_id, key) do update set value = excluded.value
        """;

    public Task<IReadOnlyDictionary<Guid, MemberContext>> LockAsync(
        NpgsqlTransaction transaction, IReadOnlyCollection<Guid> customerIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        LockAsync(transaction, customerIds, [], now, cancellationToken);

    /// <param name="customerIds">The members whose context is wanted.</param>
    /// <param name="alsoLocked">Members locked in the same ordered statement (and given an account if they have none), whose context is not read.</param>
    public async Task<IReadOnlyDictionary<Guid, MemberContext>> LockAsync(
        NpgsqlTransaction transaction, IReadOnlyCollection<Guid> customerIds, IReadOnlyCollection<Guid> alsoLocked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var ids = customerIds.Distinct().ToArray();
        var locked = ids.Union(alsoLocked).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(OpenSql, new { CustomerIds = locked, Now = now }, transaction, cancellationToken: cancellationToken));
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            ReadSql, new { CustomerIds = ids, LockedIds = locked }, transaction, cancellationToken: cancellationToken));
        var standings = (await grid.ReadAsync<MemberStanding>()).ToDictionary(row => row.CustomerId);
        var segments = (await grid.ReadAsync<(Guid CustomerId, string Segment)>()).ToLookup(row => row.CustomerId, row => row.Segment);
        var counters = (await grid.ReadAsync<(Guid CustomerId, string Key, decimal Value)>()).ToLookup(row => row.CustomerId);
        // An erased member has no account and gets no context: whatever arrives about them late earns nothing.
        return ids.Where(standings.ContainsKey).ToDictionary(id => id, id => new MemberContext(
            standings[id],
            segments[id].ToHashSet(StringComparer.OrdinalIgnoreCase),
            EarningCounters.Load(counters[id].Select(row => KeyValuePair.Create(row.Key, row.Value)))));
    }

    /// <summary>Writes back the counts the rules moved, in one statement.</summary>
    public Task SaveCountersAsync(NpgsqlTransaction transaction, IEnumerable<MemberContext> members, CancellationToken cancellationToken)
    {
        var changed = members.SelectMany(member => member.Counters.Changed.Select(pair => (member.CustomerId, pair.Key, pair.Value))).ToList();
        return changed.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(SaveCountersSql, new
            {
                CustomerIds = changed.Select(c => c.CustomerId).ToArray(),
                Keys = changed.Select(c => c.Key).ToArray(),
                Values = changed.Select(c => c.Value).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
    }
}
