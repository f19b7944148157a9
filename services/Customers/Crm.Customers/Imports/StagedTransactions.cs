using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data.BinaryCopy;
using Crm.Messaging.Outbox;
using Npgsql;

namespace Crm.Customers.Imports;

/// <summary>
/// A batch of transactions decided inside its open database transaction: the new ones (<see cref="Decided"/> by
/// external id, which the next batch consults before this one commits), to be copied and announced in
/// TransactionsRecorded events of up to <see cref="TransactionWriter.EventSize"/>.
/// </summary>
internal sealed class StagedTransactions(
    Outbox outbox,
    NpgsqlConnection connection,
    NpgsqlTransaction transaction,
    Guid jobId,
    DateTimeOffset now,
    List<(RecordedTransaction Transaction, ImportedTransaction Imported)> stored,
    IReadOnlyDictionary<string, StoredTransactionKey> decided,
    IReadOnlyDictionary<Guid, decimal> returned,
    BatchOutcome outcome) : IStagedBatch
{
    private const string CopyTransactionsSql = """
        copy transactions (id, external_id, customer_id, kind, original_id, occurred_at, channel, currency, revenue,
            discounts, allowances, net_amount, product_cost, line_count, fingerprint, import_id, recorded_at)
        from stdin (format binary)
        """;

    private const string CopyLinesSql = """
        copy transaction_lines (transaction_id, line_no, sku, category, quantity, unit_price, discount, allowance, unit_cost)
        from stdin (format binary)
        """;

    public BatchOutcome Outcome => outcome;

    public IReadOnlyDictionary<string, StoredTransactionKey> Decided => decided;

    /// <summary>What this batch's returns take back of each sale (by its id), which the next batch counts as returned.</summary>
    public IReadOnlyDictionary<Guid, decimal> Returned => returned;

    /// <summary>Copies the new transactions into transactions and transaction_lines.</summary>
    public async Task StoreAsync(CancellationToken cancellationToken)
    {
        if (stored.Count == 0)
        {
            return;
        }

        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, CopyTransactionsSql, cancellationToken))
        {
            foreach (var (t, imported) in stored)
            {
                WriteTransaction(copy, t, imported);
                await copy.EndRowAsync(cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, CopyLinesSql, cancellationToken))
        {
            foreach (var (t, imported) in stored)
            {
                for (var i = 0; i < imported.Lines.Count; i++)
                {
                    WriteLine(copy, t.TransactionId, i + 1, imported.Lines[i]);
                    await copy.EndRowAsync(cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    public async Task EnqueueEventsAsync(CancellationToken cancellationToken)
    {
        var events = stored.Select(s => s.Transaction).Chunk(TransactionWriter.EventSize)
            .Select(chunk => (IIntegrationEvent)new TransactionsRecorded(Guid.CreateVersion7(now), now, jobId, chunk))
            .ToList();
        await outbox.EnqueueAsync(transaction, events, cancellationToken);
    }

    private void WriteTransaction(BinaryCopyWriter copy, RecordedTransaction t, ImportedTransaction imported)
    {
        copy.StartRow(17);
        copy.WriteUuid(t.TransactionId);
        copy.WriteText(t.ExternalId);
        copy.WriteUuid(t.CustomerId);
        copy.WriteText(t.Kind);
        if (t.OriginalTransactionId is { } originalId)
        {
            copy.WriteUuid(originalId);
        }
        else
        {
            copy.WriteNull();
        }

        copy.WriteTimestampTz(t.OccurredAt);
        copy.WriteText(t.Channel);
        copy.WriteText(t.Currency);
        copy.WriteNumeric(t.Revenue);
        copy.WriteNumeric(t.Discounts);
        copy.WriteNumeric(t.Allowances);
        copy.WriteNumeric(t.NetAmount);
        copy.WriteNumeric(t.ProductCost);
        copy.WriteInt32(imported.Lines.Count);
        copy.WriteText(imported.Fingerprint);
        copy.WriteUuid(jobId);
        copy.WriteTimestampTz(now);
    }

    private static void WriteLine(BinaryCopyWriter copy, Guid transactionId, int lineNo, TransactionLineInput line)
    {
        copy.StartRow(9);
        copy.WriteUuid(transactionId);
        copy.WriteInt32(lineNo);
        copy.WriteText(line.Sku!);
        copy.WriteText(line.Category!);
        copy.WriteNumeric(line.Quantity);
        copy.WriteNumeric(line.UnitPrice);
        copy.WriteNumeric(line.Discount);
        copy.WriteNumeric(line.Allowance);
        copy.WriteNumeric(line.UnitCost);
    }
}
