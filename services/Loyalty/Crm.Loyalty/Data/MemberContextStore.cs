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

    // Locked in key order so two batches sharing customers cannot deadlock. The counters come with the account.
    private const string ReadSql = """
        select customer_id as CustomerId, tier, tier_since as TierSince, below_since as BelowSince, opened_at as OpenedAt, counters::text as Counters
        from points_accounts where customer_id = any(@LockedIds) order by customer_id for update;
        select customer_id, segment_name from customer_segments where customer_id = any(@CustomerIds);
        """;

    private const string SaveCountersSql = """
        update points_accounts a set counters = c.counters::json
        from unnest(@CustomerIds, @Counters) as c(customer_id, counters) where a.customer_id = c.customer_id
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
        var accounts = (await grid.ReadAsync<LockedAccount>()).ToDictionary(row => row.CustomerId);
        var segments = (await grid.ReadAsync<(Guid CustomerId, string Segment)>()).ToLookup(row => row.CustomerId, row => row.Segment);
        // An erased member has no account and gets no context: whatever arrives about them late earns nothing.
        return ids.Where(accounts.ContainsKey).ToDictionary(id => id, id => new MemberContext(
            accounts[id].Standing,
            segments[id].ToHashSet(StringComparer.OrdinalIgnoreCase),
            StoredCounters.Read(accounts[id].Counters)));
    }

    /// <summary>Writes back the counters of the members whose counts the rules moved, in one statement.</summary>
    public Task SaveCountersAsync(NpgsqlTransaction transaction, IEnumerable<MemberContext> members, CancellationToken cancellationToken)
    {
        var changed = members.Where(member => member.Counters.Changed.Count > 0).ToList();
        return changed.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(SaveCountersSql, new
            {
                CustomerIds = changed.Select(member => member.CustomerId).ToArray(),
                Counters = changed.Select(member => StoredCounters.Write(member.Counters)).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
    }

    private sealed record LockedAccount(Guid CustomerId, string? Tier, DateTimeOffset? TierSince, DateTimeOffset? BelowSince, DateTimeOffset OpenedAt, string Counters)
    {
        public MemberStanding Standing => new(CustomerId, Tier, TierSince, BelowSince, OpenedAt);
    }
}
