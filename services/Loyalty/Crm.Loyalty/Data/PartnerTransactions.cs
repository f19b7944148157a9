using Crm.Contracts.Loyalty;
using Crm.Data;
using Crm.Loyalty.Model.Partners;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Transactions partners post, once per partner's id: an earn credits the member at the partner's earn rate
/// (available at once, announced by PointsEarned), a burn spends available points at its burn rate. Like every points
/// movement it locks the member's account first, so a retried delivery waits for the first and then finds it.
/// </summary>
public sealed class PartnerTransactions(
    NpgsqlDataSource dataSource, LedgerWriter ledger, QualifyingCountStore qualifying, TierReview tiers, Crm.Messaging.Outbox.Outbox outbox, IOptions<LoyaltyOptions> options, TimeProvider clock)
{
    private const string PrimaryKey = "partner_transactions_pkey";

    private const string LockAccountSql = "select true from points_accounts where customer_id = @CustomerId for update";

    private const string EarlierSql = """
        select customer_id as CustomerId, kind, amount, occurred_at as OccurredAt, points, available_after as AvailableAfter
        from partner_transactions where partner_id = @PartnerId and transaction_id = @TransactionId
        """;

    private const string AvailableSql = """
        select coalesce(sum(remaining), 0)::bigint from earning_batches
        where customer_id = @CustomerId and remaining > 0 and available_at <= @Now and expires_at > @Now
        """;

    private const string InsertSql = """
        insert into partner_transactions
            (partner_id, transaction_id, customer_id, kind, amount, points, cost_per_point, available_after, occurred_at, received_at)
        values (@PartnerId, @TransactionId, @CustomerId, @Kind, @Amount, @Points, @CostPerPoint, @AvailableAfter, @OccurredAt, @Now)
        """;

    public async Task<PartnerTransactionOutcome> PostAsync(SigningPartner partner, string transactionId, PartnerTransaction posted, CancellationToken cancellationToken)
    {
        try
        {
            return await TryPostAsync(partner, transactionId, posted, cancellationToken);
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PrimaryKey })
        {
            // The same id for two different members at once: their account locks do not meet, the key does. The
            // delivery that lost finds the winner's row now and answers as for any earlier delivery.
            return await TryPostAsync(partner, transactionId, posted, cancellationToken);
        }
    }

    private async Task<PartnerTransactionOutcome> TryPostAsync(
        SigningPartner partner, string transactionId, PartnerTransaction posted, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<bool>(new CommandDefinition(
            LockAccountSql, new { posted.CustomerId }, transaction, cancellationToken: cancellationToken));
        var earlier = await connection.QuerySingleOrDefaultAsync<Earlier>(new CommandDefinition(
            EarlierSql, new { PartnerId = partner.Id, TransactionId = transactionId }, transaction, cancellationToken: cancellationToken));
        if (earlier is not null)
        {
            return earlier.Matches(posted)
                ? new PartnerTransactionOutcome(PartnerTransactionResult.Replayed, earlier.Points, earlier.AvailableAfter)
                : new PartnerTransactionOutcome(PartnerTransactionResult.IdReused);
        }

        if (!found)
        {
            return new PartnerTransactionOutcome(PartnerTransactionResult.NoAccount);
        }

        var now = clock.GetStoredUtcNow();
        var occurredAt = posted.OccurredAt.ToStoredPrecision();
        var source = $"partner:{partner.Id}:{transactionId}";
        long points;
        if (posted.Kind == PartnerTransactionKinds.Earn)
        {
            points = PartnerPoints.Earned(posted.Amount, partner.EarnRate);
            await EarnAsync(transaction, partner, posted.CustomerId, points, source, occurredAt, now, cancellationToken);
        }
        else
        {
            points = PartnerPoints.Burned(posted.Amount, partner.BurnRate);
            var debit = await ledger.DebitAsync(transaction, new Debit(
                posted.CustomerId, LedgerKinds.Redeem, source, points, $"paid with points at {partner.Name}", occurredAt, AvailableOnly: true), cancellationToken);
            if (debit.Shortfall > 0)
            {
                return new PartnerTransactionOutcome(PartnerTransactionResult.Insufficient, points, debit.Taken);
            }
        }

        var available = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            AvailableSql, new { posted.CustomerId, Now = now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            PartnerId = partner.Id,
            TransactionId = transactionId,
            posted.CustomerId,
            posted.Kind,
            posted.Amount,
            Points = points,
            partner.CostPerPoint,
            AvailableAfter = available,
            OccurredAt = occurredAt,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new PartnerTransactionOutcome(PartnerTransactionResult.Done, points, available);
    }

    // Partners earn at their own rate, not by the earn rules, but their points count toward tiers like any others.
    private async Task EarnAsync(
        NpgsqlTransaction transaction, SigningPartner partner, Guid customerId, long points, string source, DateTimeOffset occurredAt, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (points == 0)
        {
            return;
        }

        var credit = new Credit(customerId, LedgerKinds.Earn, source, occurredAt, now, occurredAt + options.Value.PointsLifetime,
            [new CreditLine(points, null, null, $"earned at {partner.Name}")]);
        await ledger.CreditAsync(transaction, [credit], cancellationToken);
        // Points count; the partner's spend is not our sales, so it does not count toward spend tiers.
        await qualifying.AddAsync(transaction, customerId, occurredAt, points, 0m, cancellationToken);
        await tiers.ReviewAsync(transaction, [customerId], now, cancellationToken);
        await outbox.EnqueueAsync(transaction, new PointsEarned(
            Guid.CreateVersion7(), occurredAt, customerId, source, points, credit.AvailableAt, credit.ExpiresAt), cancellationToken);
    }

    private sealed record Earlier(Guid CustomerId, string Kind, decimal Amount, DateTimeOffset OccurredAt, long Points, long AvailableAfter)
    {
        public bool Matches(PartnerTransaction posted) =>
            CustomerId == posted.CustomerId && Kind == posted.Kind && Amount == posted.Amount && OccurredAt == posted.OccurredAt.ToStoredPrecision();
    }
}
