using Crm.Loyalty.Model.Expiry;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Returns entered in error: <c>TransactionReversed</c> names the return itself. Reversing one gives back exactly what
/// it took, to the batches it took it from, and its sale counts that share again; once, however often it comes. One
/// that comes before its return, or while the return waits for its sale, means the return takes nothing when it comes:
/// the same balance as in order. A sale reversed meanwhile stays out: its reversal took all it had left, this return's
/// share included, so reversing the return gives nothing back.
/// </summary>
public sealed class ReversedReturns(LedgerWriter ledger, QualifyingCountStore qualifying)
{
    // The returns that reversals name, if they are returns: a return is recorded under its own transaction id.
    private const string ReturnsSql = """
        select correction_id as ReturnId, transaction_id as SaleId, customer_id as CustomerId, applied, reversed,
               coalesce(returned_net, 0) as ReturnedNet, coalesce(points_reversed, 0) as PointsReversed,
               coalesce(points_taken, 0) as PointsTaken
        from transaction_corrections where correction_id = any(@Ids) and net_amount is not null
        """;

    // Reversals recorded before the returns they name came.
    private const string WaitingReversalsSql = """
        select correction_id as ReversalId, transaction_id as ReturnId from transaction_corrections
        where transaction_id = any(@ReturnIds) and net_amount is null and not applied
        """;

    private const string SaleSql = """
        select occurred_at as OccurredAt, net_amount as NetAmount, reversed from earned_transactions where transaction_id = @SaleId for update
        """;

    private const string DebitsSql = "select batch_id as BatchId, points from correction_debits where correction_id = @ReturnId order by batch_id";

    // The sale's next return may take again the share of its unexpired points this return had taken.
    private const string GiveBackSql = """
        update earned_transactions
        set returned_net = returned_net - @ReturnedNet, points_reversed = points_reversed - @PointsReversed, points_taken = points_taken - @PointsTaken
        where transaction_id = @SaleId
        """;

    // Both are done with: a reversed return no longer waits for its sale, nor its reversal for it.
    private const string SettledSql = """
        update transaction_corrections set applied = true, reversed = reversed or correction_id = any(@ReturnIds)
        where correction_id = any(@CorrectionIds)
        """;

    /// <summary>
    /// Settles the reversals among <paramref name="corrections"/> that name returns, and the returns among them that
    /// earlier reversals name; answers the ids of those settled, which do not apply to a sale. The caller holds the
    /// members' account locks and has recorded <paramref name="corrections"/>.
    /// </summary>
    public async Task<HashSet<Guid>> SettleAsync(NpgsqlTransaction transaction, IReadOnlyList<Correction> corrections, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var settled = new List<(Guid ReversalId, Guid ReturnId)>();
        var reversals = corrections.Where(c => c.ReturnedNet is null).ToList();
        if (reversals.Count > 0)
        {
            var returns = (await connection.QueryAsync<ReturnState>(new CommandDefinition(ReturnsSql, new
            {
                Ids = reversals.Select(reversal => reversal.TransactionId).ToArray(),
            }, transaction, cancellationToken: cancellationToken))).ToDictionary(returned => returned.ReturnId);
            foreach (var reversal in reversals)
            {
                if (!returns.TryGetValue(reversal.TransactionId, out var returned))
                {
                    continue;
                }

                // A return still waiting for its sale took nothing; an erased member's is under an anonymous id.
                if (returned.Applied && !returned.Reversed && returned.CustomerId == reversal.CustomerId)
                {
                    await GiveBackAsync(transaction, returned, cancellationToken);
                }

                returns[returned.ReturnId] = returned with { Reversed = true };
                settled.Add((reversal.CorrectionId, returned.ReturnId));
            }
        }

        var fresh = corrections.Where(c => c.ReturnedNet is not null).Select(c => c.CorrectionId).ToArray();
        if (fresh.Length > 0)
        {
            settled.AddRange(await connection.QueryAsync<(Guid, Guid)>(new CommandDefinition(
                WaitingReversalsSql, new { ReturnIds = fresh }, transaction, cancellationToken: cancellationToken)));
        }

        if (settled.Count == 0)
        {
            return [];
        }

        var ids = settled.SelectMany(pair => new[] { pair.ReversalId, pair.ReturnId }).ToHashSet();
        await connection.ExecuteAsync(new CommandDefinition(SettledSql, new
        {
            CorrectionIds = ids.ToArray(),
            ReturnIds = settled.Select(pair => pair.ReturnId).Distinct().ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        return ids;
    }

    private async Task GiveBackAsync(NpgsqlTransaction transaction, ReturnState returned, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var sale = await connection.QuerySingleAsync<SaleState>(new CommandDefinition(
            SaleSql, new { returned.SaleId }, transaction, cancellationToken: cancellationToken));
        if (sale.Reversed)
        {
            return;
        }

        // Same batches, same expiry dates: points of a batch that expired meanwhile expire again at the next housekeeping.
        var debits = (await connection.QueryAsync<BatchDebit>(new CommandDefinition(
            DebitsSql, new { returned.ReturnId }, transaction, cancellationToken: cancellationToken))).ToList();
        await ledger.RestoreAsync(transaction, returned.CustomerId, debits, $"transaction:{returned.SaleId}",
            $"return of {returned.ReturnedNet:0.##} of {sale.NetAmount:0.##} reversed", cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(GiveBackSql, new
        {
            returned.SaleId,
            returned.ReturnedNet,
            returned.PointsReversed,
            returned.PointsTaken,
        }, transaction, cancellationToken: cancellationToken));
        // What the return had taken off the sale counts toward tiers again, on the day it counted.
        await qualifying.AddAsync(transaction, returned.CustomerId, sale.OccurredAt, returned.PointsReversed, returned.ReturnedNet, cancellationToken);
    }

    /// <param name="PointsTaken">What of <paramref name="PointsReversed"/> the return took from the balance.</param>
    private sealed record ReturnState(
        Guid ReturnId, Guid SaleId, Guid CustomerId, bool Applied, bool Reversed, decimal ReturnedNet, long PointsReversed, long PointsTaken);

    private sealed record SaleState(DateTimeOffset OccurredAt, decimal NetAmount, bool Reversed);
}
