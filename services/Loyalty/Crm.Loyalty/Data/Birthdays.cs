using Crm.Loyalty.Model.Earning;
using Crm.Messaging.Inbox;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>Members whose birthday is today earn the birthday rules, once a year (29 February birthdays count on 28 February in other years).</summary>
public sealed class Birthdays(NpgsqlDataSource dataSource, EarnRuleStore rules, EventEarning earning)
{
    private const string TodaySql = """
        select customer_id from points_accounts
        where (extract(month from birth_date), extract(day from birth_date)) = (@Month, @Day)
           or (@LeapDayElsewhere and extract(month from birth_date) = 2 and extract(day from birth_date) = 29)
        """;

    public async Task<int> AwardAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inForce = await rules.InForceAsync(connection, null, cancellationToken);
        if (!inForce.Any(rule => rule.Kind == EarnRuleKind.Event && rule.EventType == EarningEventTypes.Birthday && rule.IsInEffect(now)))
        {
            return 0;
        }

        var today = now.UtcDateTime;
        var leapDayElsewhere = today is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(today.Year);
        var members = await connection.QueryAsync<Guid>(new CommandDefinition(
            TodaySql, new { today.Month, today.Day, LeapDayElsewhere = leapDayElsewhere }, cancellationToken: cancellationToken));
        var awarded = 0;
        foreach (var customerId in members)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ErasureGate.PassAsync(transaction, cancellationToken);
            var awards = await earning.AwardAsync(transaction, customerId,
                new EarningEvent(Guid.CreateVersion7(), EarningEventTypes.Birthday, now), $"{EarningEventTypes.Birthday}:{today.Year}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            awarded += awards is { Count: > 0 } ? 1 : 0;
        }

        return awarded;
    }
}
