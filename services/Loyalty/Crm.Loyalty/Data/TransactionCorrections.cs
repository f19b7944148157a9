using Crm.Contracts;
using Crm.Contracts.Loyalty;
using Crm.Data;
using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Returns and reversals take back the points their sale earned: a return in proportion to what came back, a
/// reversal everything left. Each correction counts once, and one that arrives before its sale waits for it.
/// </summary>
public sealed class TransactionCorrections(LedgerWriter ledger, QualifyingCountStore qualifying, Crm.Messaging.Outbox.Outbox outbox, TimeProvider clock)
{
    private const string RecordSql = """
        insert into transaction_corrections (correction_id, transaction_id, customer_id, net_amount, applied, received_at)
        values (@CorrectionId, @TransactionId, @CustomerId, @NetAmount, false, @Now)
        on conflict do nothing
        """;

    private const string SaleSql = """
        select transaction_id, customer_id, occurred_at, net_amount, points_earned, returned_net, points_reversed
        from earned_transactions where transaction_id = @TransactionId for update
        """;

    private const string WaitingSql = """
        select correction_id, transaction_id, net_amount from transaction_corrections
        where transaction_id = any(@TransactionIds) and not applied order by received_at, correction_id
        """;

    private const string AppliedSql = """
        update earned_transactions set returned_net = returned_net + @ReturnedNet, points_reversed = points_reversed + @Points
        where transaction_id = @TransactionId;
        update transaction_corrections set applied = true where correction_id = @CorrectionId;
        """;

    // Earning a sale holds its member's account lock until it commits, and looks for corrections waiting for the sale.
    // A correction taking the same lock first is either seen by that look or sees the sale itself: without it, each could
    // miss the other while both are uncommitted, and the correction would wait for a sale that had already come.
    private const string LockAccountSql = "select from points_accounts where customer_id = @CustomerId for update";

    /// <summary>
    /// Records a return (<paramref name="returnedNet"/>) or a reversal (null) and applies it if its sale is known, after
    /// taking the member's account lock.
    /// </summary>
    public async Task ApplyAsync(
        NpgsqlTransaction transaction, Guid correctionId, Guid transactionId, Guid customerId, decimal? returnedNet, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            LockAccountSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        await ApplyHoldingLockAsync(transaction, correctionId, transactionId, customerId, returnedNet, cancellationToken);
    }

    /// <summary>As <see cref="ApplyAsync"/>, for a caller that already holds the member's account lock.</summary>
    public async Task ApplyHoldingLockAsync(
        NpgsqlTransaction transaction, Guid correctionId, Guid transactionId, Guid customerId, decimal? returnedNet, CancellationToken cancellationToken)
    {
        var recorded = await transaction.Connection!.ExecuteAsync(new CommandDefinition(RecordSql, new
        {
            CorrectionId = correctionId,
            TransactionId = transactionId,
            CustomerId = customerId,
            NetAmount = returnedNet,
            Now = clock.GetStoredUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
        if (recorded == 1)
        {
            await ApplyToSaleAsync(transaction, correctionId, transactionId, returnedNet, cancellationToken);
        }
    }

    /// <summary>Applies the corrections that arrived before these sales.</summary>
    public async Task ApplyWaitingAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> transactionIds, CancellationToken cancellationToken)
    {
        var waiting = await transaction.Connection!.QueryAsync<(Guid CorrectionId, Guid TransactionId, decimal? NetAmount)>(new CommandDefinition(
            WaitingSql, new { TransactionIds = transactionIds.ToArray() }, transaction, cancellationToken: cancellationToken));
        foreach (var correction in waiting)
        {
            await ApplyToSaleAsync(transaction, correction.CorrectionId, correction.TransactionId, correction.NetAmount, cancellationToken);
        }
    }

    private async Task ApplyToSaleAsync(
        NpgsqlTransaction transaction, Guid correctionId, Guid transactionId, decimal? returnedNet, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var sale = await connection.QuerySingleOrDefaultAsync<EarnedSale>(new CommandDefinition(
            SaleSql, new { TransactionId = transactionId }, transaction, cancellationToken: cancellationToken));
        if (sale is null)
        {
            return;
        }

        var returned = Math.Min(returnedNet ?? sale.NetAmount - sale.ReturnedNet, sale.NetAmount - sale.ReturnedNet);
        var points = returnedNet is null
            ? sale.PointsEarned - sale.PointsReversed
            : ReturnReversal.PointsToReverse(sale.PointsEarned, sale.PointsReversed, sale.NetAmount, returned, sale.ReturnedNet);
        var reason = returnedNet is null ? "transaction reversed" : $"return of {returned:0.##} of {sale.NetAmount:0.##}";
        var source = $"transaction:{transactionId}";
        var now = clock.GetStoredUtcNow();
        var outcome = points > 0
            ? await ledger.DebitAsync(transaction, new Debit(sale.CustomerId, LedgerKinds.Reverse, source, points, reason, now, AvailableOnly: false, PreferSource: source), cancellationToken)
            : new DebitOutcome(0, 0, []);
        await connection.ExecuteAsync(new CommandDefinition(AppliedSql, new
        {
            ReturnedNet = returned,
            Points = points,
            TransactionId = transactionId,
            CorrectionId = correctionId,
        }, transaction, cancellationToken: cancellationToken));
        // What the sale no longer earns or spends stops counting toward tiers, on the day it counted.
        await qualifying.AddAsync(transaction, sale.CustomerId, sale.OccurredAt, -points, -returned, cancellationToken);
        if (points > 0)
        {
            await outbox.EnqueueAsync(transaction, [new PointsReversed(Guid.CreateVersion7(), now, sale.CustomerId, transactionId, outcome.Taken, outcome.Shortfall, reason)], cancellationToken);
        }
    }

    private sealed record EarnedSale(Guid TransactionId, Guid CustomerId, DateTimeOffset OccurredAt, decimal NetAmount, long PointsEarned, decimal ReturnedNet, long PointsReversed);
}
