using Crm.Contracts;
using Crm.Contracts.Loyalty;
using Crm.Loyalty.Model.Tiers;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Places members in tiers by the policy in force: what they earned (or spent) over its rolling window, from their
/// per-day qualifying counts; upgrades at once, downgrades as the policy says. Changes are saved and announced
/// (TierChanged) in the caller's transaction; the caller holds the accounts' locks.
/// </summary>
public sealed class TierReview(TierPolicyStore policies, Crm.Messaging.Outbox.Outbox outbox)
{
    private const string StandingsSql = $"{MemberStanding.Select} where customer_id = any(@CustomerIds)";

    // Keys compare as their dates, byte by byte: the window is every day key after its start and before the next prefix.
    private const string AmountsSql = """
        select a.customer_id, sum(c.value::numeric) from points_accounts a cross join lateral json_each_text(a.counters) as c
        where a.customer_id = any(@CustomerIds) and c.key collate "C" > @From and c.key collate "C" < @Prefix || '~'
        group by a.customer_id
        """;

    private const string SaveSql = """
        update points_accounts a set tier = s.tier, tier_since = s.since, below_since = s.below
        from unnest(@CustomerIds, @Tiers, @Sinces, @Belows) as s(customer_id, tier, since, below)
        where a.customer_id = s.customer_id
        """;

    /// <summary>Reviews members whose counters are at hand (a batch being earned): no reads but the policy.</summary>
    public async Task<int> ReviewAsync(NpgsqlTransaction transaction, IReadOnlyCollection<MemberContext> members, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (members.Count == 0 || await policies.CurrentAsync(transaction.Connection!, transaction, cancellationToken) is not { Policy: var policy })
        {
            return 0;
        }

        return await DecideAsync(transaction, policy,
            [.. members.Select(member => (member.Standing, QualifyingCounts.Amount(member.Counters, policy, now)))], now, cancellationToken);
    }

    /// <summary>Reviews members by id, reading their standing and qualifying amounts.</summary>
    public async Task<int> ReviewAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> customerIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        if (customerIds.Count == 0 || await policies.CurrentAsync(connection, transaction, cancellationToken) is not { Policy: var policy })
        {
            return 0;
        }

        var ids = customerIds.ToArray();
        var standings = await connection.QueryAsync<MemberStanding>(new CommandDefinition(
            StandingsSql, new { CustomerIds = ids }, transaction, cancellationToken: cancellationToken));
        var amounts = (await connection.QueryAsync<(Guid CustomerId, decimal Amount)>(new CommandDefinition(AmountsSql, new
            {
                CustomerIds = ids,
                From = QualifyingCounts.WindowStartKey(policy.QualifyOn, now, policy.WindowDays),
                Prefix = QualifyingCounts.Prefix(policy.QualifyOn),
            }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.CustomerId, row => row.Amount);
        return await DecideAsync(transaction, policy,
            [.. standings.Select(standing => (standing, amounts.GetValueOrDefault(standing.CustomerId)))], now, cancellationToken);
    }

    private async Task<int> DecideAsync(
        NpgsqlTransaction transaction, TierPolicy policy, IReadOnlyList<(MemberStanding Standing, decimal Amount)> members, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var saved = new List<(Guid CustomerId, TierStanding Standing)>();
        var changes = new List<IIntegrationEvent>();
        foreach (var (standing, amount) in members)
        {
            var current = standing.Tier is null
                ? new TierStanding(policy.Levels[0].Name, standing.OpenedAt, null)
                : new TierStanding(standing.Tier, standing.TierSince ?? standing.OpenedAt, standing.BelowSince);
            var decision = TierRules.Decide(policy, current, amount, now);
            if (standing.Tier is null || decision.Changed || decision.Standing != current)
            {
                saved.Add((standing.CustomerId, decision.Standing));
            }

            if (standing.Tier is null || decision.Changed)
            {
                changes.Add(new TierChanged(Guid.CreateVersion7(), now, standing.CustomerId, standing.Tier, decision.Standing.Tier,
                    standing.Tier is null ? $"joined at {decision.Standing.Tier}: {decision.Reason}" : decision.Reason));
            }
        }

        if (saved.Count > 0)
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(SaveSql, new
            {
                CustomerIds = saved.Select(s => s.CustomerId).ToArray(),
                Tiers = saved.Select(s => s.Standing.Tier).ToArray(),
                Sinces = saved.Select(s => s.Standing.Since.UtcDateTime).ToArray(),
                Belows = saved.Select(s => s.Standing.BelowSince?.UtcDateTime).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
            await outbox.EnqueueAsync(transaction, changes, cancellationToken);
        }

        return changes.Count;
    }
}
