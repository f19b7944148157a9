using Crm.Contracts;
using Crm.Contracts.Loyalty;
using Crm.Data;
using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Returns and reversals take back the points their sale earned: a return in proportion to what came back, a
/// reversal everything left. Each correction counts once, and one that arrives before its sale waits for it. A
/// reversal may name a return instead: <see cref="ReversedReturns"/> undoes it.
/// </summary>
public sealed class TransactionCorrections(
    LedgerWriter ledger, ReversedReturns reversedReturns, QualifyingCountStore qualifying, Crm.Messaging.Outbox.Outbox outbox, TimeProvider clock)
{
    private const string RecordSql = """
        insert into transaction_corrections (correction_id, transaction_id, customer_id, net_amount, applied, received_at)
        select c.*, false, @Now from unnest(@CorrectionIds, @TransactionIds, @CustomerIds, @NetAmounts) as c
        on conflict do nothing
        returning correction_id
        """;

    private const string SalesSql = """
        select transaction_id, customer_id, occurred_at, net_amount, points_earned, returned_net, points_reversed, reversed, points_taken
        from earned_transactions where transaction_id = any(@TransactionIds) order by transaction_id for update
        """;

    // What each sale's batch lost to expiry, and what it still holds past its date (housekeeping has not run yet).
    private const string ExpiredSql = """
        select source, sum(expired + remaining)::bigint as points from earning_batches
        where customer_id = any(@CustomerIds) and source = any(@Sources) and expires_at <= @Now and (remaining > 0 or expired > 0)
        group by source
        """;

    private const string WaitingSql = """
        select correction_id as CorrectionId, transaction_id as TransactionId, customer_id as CustomerId, net_amount as ReturnedNet from transaction_corrections
        where transaction_id = any(@TransactionIds) and not applied order by received_at, correction_id
        """;

    // Each correction keeps what it took off its sale, its share of the balance and from which batches, for a return
    // reversed later.
    private const string AppliedSql = """
        update earned_transactions e
        set returned_net = s.returned_net, points_reversed = s.points_reversed, reversed = s.reversed, points_taken = s.points_taken
        from unnest(@TransactionIds, @ReturnedNets, @PointsReversed, @Reversed, @PointsTaken) as s(transaction_id, returned_net, points_reversed, reversed, points_taken)
        where e.transaction_id = s.transaction_id;
        update transaction_corrections c set applied = true, returned_net = s.returned_net, points_reversed = s.points_reversed, points_taken = s.points_taken
        from unnest(@CorrectionIds, @CorrectionNets, @CorrectionPoints, @CorrectionTaken) as s(correction_id, returned_net, points_reversed, points_taken)
        where c.correction_id = s.correction_id;
        insert into correction_debits (correction_id, batch_id, points) select * from unnest(@DebitCorrectionIds, @DebitBatchIds, @DebitPoints);
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
        await ApplyHoldingLocksAsync(transaction, [new Correction(correctionId, transactionId, customerId, returnedNet)], cancellationToken);
    }

    /// <summary>
    /// As <see cref="ApplyAsync"/> for many corrections, in order, for a caller that already holds their members' account
    /// locks: a few statements however many there are.
    /// </summary>
    public async Task ApplyHoldingLocksAsync(NpgsqlTransaction transaction, IReadOnlyList<Correction> corrections, CancellationToken cancellationToken)
    {
        corrections = [.. corrections.DistinctBy(c => c.CorrectionId)];
        if (corrections.Count == 0)
        {
            return;
        }

        var recorded = (await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition(RecordSql, new
        {
            CorrectionIds = corrections.Select(c => c.CorrectionId).ToArray(),
            TransactionIds = corrections.Select(c => c.TransactionId).ToArray(),
            CustomerIds = corrections.Select(c => c.CustomerId).ToArray(),
            NetAmounts = corrections.Select(c => c.ReturnedNet).ToArray(),
            Now = clock.GetStoredUtcNow(),
        }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var fresh = corrections.Where(c => recorded.Contains(c.CorrectionId)).ToList();
        // A reversal naming a return, and a return that a reversal came before, settle each other, not with a sale.
        var settled = await reversedReturns.SettleAsync(transaction, fresh, cancellationToken);
        await ApplyToSalesAsync(transaction, [.. fresh.Where(c => !settled.Contains(c.CorrectionId))], cancellationToken);
    }

    /// <summary>Applies the corrections that arrived before these sales.</summary>
    public async Task ApplyWaitingAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> transactionIds, CancellationToken cancellationToken)
    {
        var waiting = await transaction.Connection!.QueryAsync<Correction>(new CommandDefinition(
            WaitingSql, new { TransactionIds = transactionIds.ToArray() }, transaction, cancellationToken: cancellationToken));
        await ApplyToSalesAsync(transaction, [.. waiting], cancellationToken);
    }

    // Corrections of sales not known yet stay recorded and wait for them (ApplyWaitingAsync).
    private async Task ApplyToSalesAsync(NpgsqlTransaction transaction, IReadOnlyList<Correction> corrections, CancellationToken cancellationToken)
    {
        if (corrections.Count == 0)
        {
            return;
        }

        var connection = transaction.Connection!;
        var sales = (await connection.QueryAsync<EarnedSale>(new CommandDefinition(SalesSql, new
        {
            TransactionIds = corrections.Select(c => c.TransactionId).Distinct().ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToDictionary(sale => sale.TransactionId);
        var now = clock.GetStoredUtcNow();
        var expired = await ExpiredAsync(transaction, sales.Values, now, cancellationToken);
        var applied = new List<Applied>();
        foreach (var correction in corrections)
        {
            if (sales.TryGetValue(correction.TransactionId, out var sale))
            {
                var next = Take(correction, sale, expired.GetValueOrDefault(sale.Source));
                applied.Add(next);
                sales[sale.TransactionId] = sale with
                {
                    ReturnedNet = sale.ReturnedNet + next.Returned,
                    PointsReversed = sale.PointsReversed + next.Points,
                    PointsTaken = sale.PointsTaken + next.Takeable,
                    Reversed = sale.Reversed || correction.ReturnedNet is null,
                };
            }
        }

        if (applied.Count == 0)
        {
            return;
        }

        var taking = applied.Where(a => a.Takeable > 0).ToList();
        var outcomes = await ledger.DebitAsync(transaction, [.. taking.Select(a => new Debit(
            a.Sale.CustomerId, LedgerKinds.Reverse, a.Source, a.Takeable, a.Reason, now, AvailableOnly: false, PreferSource: a.Source))], cancellationToken);
        var changed = applied.Select(a => sales[a.Sale.TransactionId]).DistinctBy(sale => sale.TransactionId).ToList();
        var debits = taking.Zip(outcomes).Where(pair => pair.First.Correction.ReturnedNet is not null)
            .SelectMany(pair => pair.Second.Batches.Select(batch => (pair.First.Correction.CorrectionId, batch.BatchId, batch.Points))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(AppliedSql, new
        {
            TransactionIds = changed.Select(sale => sale.TransactionId).ToArray(),
            ReturnedNets = changed.Select(sale => sale.ReturnedNet).ToArray(),
            PointsReversed = changed.Select(sale => sale.PointsReversed).ToArray(),
            Reversed = changed.Select(sale => sale.Reversed).ToArray(),
            PointsTaken = changed.Select(sale => sale.PointsTaken).ToArray(),
            CorrectionIds = applied.Select(a => a.Correction.CorrectionId).ToArray(),
            CorrectionNets = applied.Select(a => a.Returned).ToArray(),
            CorrectionPoints = applied.Select(a => a.Points).ToArray(),
            CorrectionTaken = applied.Select(a => a.Takeable).ToArray(),
            DebitCorrectionIds = debits.Select(debit => debit.CorrectionId).ToArray(),
            DebitBatchIds = debits.Select(debit => debit.BatchId).ToArray(),
            DebitPoints = debits.Select(debit => debit.Points).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        // What the sale no longer earns or spends stops counting toward tiers, on the day it counted.
        await qualifying.AddAsync(transaction, [.. applied.Select(a => (a.Sale.CustomerId, a.Sale.OccurredAt, -a.Points, -a.Returned))], cancellationToken);
        await outbox.EnqueueAsync(transaction, [.. taking.Zip(outcomes).Select(pair => (IIntegrationEvent)new PointsReversed(
            Guid.CreateVersion7(), now, pair.First.Sale.CustomerId, pair.First.Sale.TransactionId, pair.Second.Taken, pair.Second.Shortfall, pair.First.Reason))],
            cancellationToken);
    }

    // What of each sale's points expired, by its batch's source; sales whose batch has not expired are not there.
    private static async Task<Dictionary<string, long>> ExpiredAsync(
        NpgsqlTransaction transaction, IReadOnlyCollection<EarnedSale> sales, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (sales.Count == 0)
        {
            return [];
        }

        var batches = await transaction.Connection!.QueryAsync<(string Source, long Points)>(new CommandDefinition(ExpiredSql, new
        {
            CustomerIds = sales.Select(sale => sale.CustomerId).Distinct().ToArray(),
            Sources = sales.Select(sale => sale.Source).ToArray(),
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        return batches.ToDictionary(batch => batch.Source, batch => batch.Points);
    }

    // A return takes its share of what the sale earned (of what is left of the sale); a reversal everything left.
    // Only points of the sale that did not expire are taken back: from its own batch, or from the member's other
    // batches where they were spent. Expired ones are gone already, and taking them from other batches would take what
    // the member earned on other purchases. Which of a partly spent, partly expired sale's points a partial return
    // covers is unknown, so its expired points come last: its returns together take at most its unexpired points.
    // What earlier corrections took from the balance (PointsTaken, less what reversed returns gave back) counts against
    // those, not what they took off the sale: a return reversed frees its own share for the sale's next return.
    private static Applied Take(Correction correction, EarnedSale sale, long expired)
    {
        var left = sale.NetAmount - sale.ReturnedNet;
        var returned = Math.Min(correction.ReturnedNet ?? left, left);
        var points = correction.ReturnedNet is null
            ? sale.PointsEarned - sale.PointsReversed
            : ReturnReversal.PointsToReverse(sale.PointsEarned, sale.PointsReversed, sale.NetAmount, returned, sale.ReturnedNet);
        var takeable = Math.Clamp(sale.PointsEarned - expired - sale.PointsTaken, 0L, points);
        var reason = correction.ReturnedNet is null ? "transaction reversed" : $"return of {returned:0.##} of {sale.NetAmount:0.##}";
        return new Applied(correction, sale, returned, points, takeable, reason);
    }

    /// <param name="Points">What the correction takes from the sale: it no longer counts them as earned.</param>
    /// <param name="Takeable">What of them is taken from the balance: those that did not expire.</param>
    private sealed record Applied(Correction Correction, EarnedSale Sale, decimal Returned, long Points, long Takeable, string Reason)
    {
        public string Source => Sale.Source;
    }

    /// <param name="PointsReversed">What its corrections took off the sale: it no longer counts them as earned.</param>
    /// <param name="PointsTaken">What of them its corrections took from the balance: at most its unexpired points.</param>
    private sealed record EarnedSale(
        Guid TransactionId, Guid CustomerId, DateTimeOffset OccurredAt, decimal NetAmount, long PointsEarned, decimal ReturnedNet, long PointsReversed,
        bool Reversed, long PointsTaken)
    {
        public string Source => $"transaction:{TransactionId}";
    }
}
