using Crm.Contracts.Loyalty;
using Crm.Data;
using Crm.Loyalty.Model.Earning;
using Crm.Loyalty.Model.Tiers;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Business events (a survey completed, a referral, a birthday, a completed profile) earn by the event rules, once per
/// event: <c>eventKey</c> names the occurrence (a survey response id, "birthday:2026"), and a second award for the same
/// key does nothing. Event points are available at once.
/// </summary>
public sealed class EventEarning(
    MemberContextStore members,
    EarnRuleStore rules,
    LedgerWriter ledger,
    TierReview tiers,
    Crm.Messaging.Outbox.Outbox outbox,
    IOptions<LoyaltyOptions> options,
    TimeProvider clock)
{
    private const string ClaimSql = """
        insert into awarded_events (customer_id, event_key) values (@CustomerId, @EventKey) on conflict do nothing
        """;

    /// <summary>The points awarded, or null when this event was already awarded.</summary>
    public async Task<IReadOnlyList<PointsAward>?> AwardAsync(
        NpgsqlTransaction transaction, Guid customerId, EarningEvent earningEvent, string eventKey, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var now = clock.GetStoredUtcNow();
        var contexts = await members.LockAsync(transaction, [customerId], now, cancellationToken);
        if (!contexts.TryGetValue(customerId, out var member))
        {
            return null;
        }

        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            ClaimSql, new { CustomerId = customerId, EventKey = eventKey }, transaction, cancellationToken: cancellationToken));
        if (claimed == 0)
        {
            return null;
        }

        var engine = new EarningEngine(await rules.InForceAsync(connection, transaction, cancellationToken));
        var awards = engine.Award(member.Customer, earningEvent, member.Counters);
        var credit = new Credit(customerId, LedgerKinds.Earn, $"event:{eventKey}", earningEvent.OccurredAt, earningEvent.OccurredAt,
            earningEvent.OccurredAt + options.Value.PointsLifetime,
            [.. awards.Select(award => new CreditLine(award.Points, award.RuleId, award.RuleVersion, award.Explanation))]);
        await ledger.CreditAsync(transaction, [credit], cancellationToken);
        member.Counters.Add(QualifyingCounts.Earned(earningEvent.OccurredAt), credit.Points);
        await members.SaveCountersAsync(transaction, [member], cancellationToken);
        if (credit.Points > 0)
        {
            await tiers.ReviewAsync(transaction, [member], now, cancellationToken);
            await outbox.EnqueueAsync(transaction, new PointsEarned(
                Guid.CreateVersion7(), earningEvent.OccurredAt, customerId, credit.Source, credit.Points, credit.AvailableAt, credit.ExpiresAt), cancellationToken);
        }

        return awards;
    }
}
