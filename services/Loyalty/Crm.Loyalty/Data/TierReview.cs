using Crm.Contracts;
using Crm.Contracts.Loyalty;
using Crm.Loyalty.Model.Tiers;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Places customers in tiers by the policy in force: what they earned (or spent) over its rolling window, upgrades at
/// once, downgrades as the policy says. Changes are saved and announced (TierChanged) in the caller's transaction;
/// the caller holds the accounts' locks.
/// </summary>
public sealed class TierReview(TierPolicyStore policies, Crm.Messaging.Outbox.Outbox outbox)
{
    private const string StandingsSql = """
        select customer_id as CustomerId, tier, tier_since as TierSince, below_since as BelowSince, opened_at as OpenedAt
        from points_accounts where customer_id = any(@CustomerIds)
        """;

    // Points earned, net of earnings taken back by returns; spending, redemptions and expiry do not count.
    private const string PointsEarnedSql = """
        select customer_id, sum(points)::numeric from ledger_entries
        where customer_id = any(@CustomerIds) and occurred_at > @WindowStart and (kind = 'earn' or (kind = 'reverse' and points < 0))
        group by customer_id
        """;

    private const string SpendSql = """
        select customer_id, sum(net_amount - returned_net) from earned_transactions
        where customer_id = any(@CustomerIds) and occurred_at > @WindowStart
        group by customer_id
        """;

    private const string SaveSql = """
        update points_accounts a set tier = s.tier, tier_since = s.since, below_since = s.below
        from unnest(@CustomerIds, @Tiers, @Sinces, @Belows) as s(customer_id, tier, since, below)
        where a.customer_id = s.customer_id
        """;

    public async Task<int> ReviewAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> customerIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        if (customerIds.Count == 0 || await policies.CurrentAsync(connection, transaction, cancellationToken) is not { Policy: var policy })
        {
            return 0;
        }

        var ids = customerIds.ToArray();
        var windowStart = now.AddDays(-policy.WindowDays);
        var standings = await connection.QueryAsync<Standing>(new CommandDefinition(
            StandingsSql, new { CustomerIds = ids }, transaction, cancellationToken: cancellationToken));
        var amounts = (await connection.QueryAsync<(Guid CustomerId, decimal Amount)>(new CommandDefinition(
                policy.QualifyOn == TierQualification.Spend ? SpendSql : PointsEarnedSql,
                new { CustomerIds = ids, WindowStart = windowStart }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.CustomerId, row => row.Amount);

        var saved = new List<(Guid CustomerId, TierStanding Standing)>();
        var changes = new List<IIntegrationEvent>();
        foreach (var standing in standings)
        {
            var current = standing.Tier is null
                ? new TierStanding(policy.Levels[0].Name, standing.OpenedAt, null)
                : new TierStanding(standing.Tier, standing.TierSince ?? standing.OpenedAt, standing.BelowSince);
            var decision = TierRules.Decide(policy, current, amounts.GetValueOrDefault(standing.CustomerId), now);
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
            await connection.ExecuteAsync(new CommandDefinition(SaveSql, new
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

    private sealed record Standing(Guid CustomerId, string? Tier, DateTimeOffset? TierSince, DateTimeOffset? BelowSince, DateTimeOffset OpenedAt);
}
