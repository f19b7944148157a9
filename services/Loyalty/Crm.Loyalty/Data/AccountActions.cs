using Crm.Contracts.Loyalty;
using Crm.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Adjustments and transfers made by people, idempotent on the caller's key: the key becomes the entry's source, and
/// a repeated key answers with what the first request did, if it is that request again (same points, same reason, same
/// recipient); a key reused for another request changes nothing and says so, rather than pass for a replay.
/// </summary>
public sealed class AccountActions(NpgsqlDataSource dataSource, LedgerWriter ledger, Crm.Messaging.Outbox.Outbox outbox, IOptions<LoyaltyOptions> options, TimeProvider clock)
{
    private const string LockSql = """
        select customer_id from points_accounts where customer_id = any(@CustomerIds) order by customer_id for update
        """;

    // A key belongs to the account that sent the request. A transfer's credits carry the sender's key onto the
    // recipient's ledger; they are not the recipient's requests, so the recipient's own key of that name is new to them.
    private const string DoneSql = """
        select points, reason from ledger_entries
        where customer_id = @CustomerId and source = @Source and not (kind = 'transfer' and points > 0)
        """;

    private const string BatchExpirySql = "select id, expires_at from earning_batches where id = any(@Ids)";

    public async Task<ActionOutcome> AdjustAsync(Guid customerId, long points, string reason, string key, CancellationToken cancellationToken)
    {
        var source = $"adjustment:{key}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if ((await LockAsync(transaction, [customerId], cancellationToken)).Count < 1)
        {
            return ActionOutcome.NoAccount(customerId);
        }

        if (await EarlierAsync(transaction, customerId, source, points, reason, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = clock.GetStoredUtcNow();
        if (points > 0)
        {
            await ledger.CreditAsync(transaction, [new Credit(customerId, LedgerKinds.Adjust, source, now, now, now + options.Value.PointsLifetime,
                [new CreditLine(points, null, null, reason)])], cancellationToken);
            await outbox.EnqueueAsync(transaction, new PointsEarned(Guid.CreateVersion7(), now, customerId, source, points, now, now + options.Value.PointsLifetime), cancellationToken);
        }
        else
        {
            // Pending points are still inside the return window: like a redemption or a transfer, a debit cannot spend them.
            var outcome = await ledger.DebitAsync(transaction, new Debit(customerId, LedgerKinds.Adjust, source, -points, reason, now, AvailableOnly: true), cancellationToken);
            if (outcome.Shortfall > 0)
            {
                return ActionOutcome.Insufficient(outcome.Taken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return ActionOutcome.Done(points);
    }

    /// <summary>Moves available points between members; they keep the expiry dates they had.</summary>
    public async Task<ActionOutcome> TransferAsync(Guid from, Guid to, long points, string reason, string key, CancellationToken cancellationToken)
    {
        var source = $"transfer:{key}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await LockAsync(transaction, [from, to], cancellationToken);
        if (!found.Contains(from) || !found.Contains(to))
        {
            return ActionOutcome.NoAccount(found.Contains(from) ? to : from);
        }

        var givenReason = $"to {to}: {reason}";
        if (await EarlierAsync(transaction, from, source, -points, givenReason, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = clock.GetStoredUtcNow();
        var outcome = await ledger.DebitAsync(transaction, new Debit(from, LedgerKinds.Transfer, source, points, givenReason, now, AvailableOnly: true), cancellationToken);
        if (outcome.Shortfall > 0)
        {
            return ActionOutcome.Insufficient(outcome.Taken);
        }

        var expiries = (await connection.QueryAsync<(long Id, DateTimeOffset ExpiresAt)>(new CommandDefinition(
            BatchExpirySql, new { Ids = outcome.Batches.Select(b => b.BatchId).ToArray() }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Id, row => row.ExpiresAt);
        var credits = outcome.Batches.GroupBy(batch => expiries[batch.BatchId])
            .Select(group => new Credit(to, LedgerKinds.Transfer, source, now, now, group.Key,
                [new CreditLine(group.Sum(batch => batch.Points), null, null, $"from {from}: {reason}")]))
            .ToList();
        await ledger.CreditAsync(transaction, credits, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ActionOutcome.Done(-points);
    }

    /// <summary>The accounts among <paramref name="customerIds"/> that exist, locked for the rest of the transaction.</summary>
    private static async Task<HashSet<Guid>> LockAsync(NpgsqlTransaction transaction, Guid[] customerIds, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition(
            LockSql, new { CustomerIds = customerIds }, transaction, cancellationToken: cancellationToken))];

    /// <summary>
    /// What the key already did on this account: a replay when it moved these points for this reason, a reused key
    /// when it moved others; null when the key is new.
    /// </summary>
    private static async Task<ActionOutcome?> EarlierAsync(
        NpgsqlTransaction transaction, Guid customerId, string source, long points, string reason, CancellationToken cancellationToken)
    {
        var entries = (await transaction.Connection!.QueryAsync<(long Points, string Reason)>(new CommandDefinition(
            DoneSql, new { CustomerId = customerId, Source = source }, transaction, cancellationToken: cancellationToken))).ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var done = entries.Sum(entry => entry.Points);
        return done == points && entries.All(entry => entry.Reason == reason) ? ActionOutcome.Repeated(done) : ActionOutcome.KeyReused(done);
    }
}
