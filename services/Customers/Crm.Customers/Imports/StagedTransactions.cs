using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Messaging.Outbox;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>Copies the new transactions into transactions and transaction_lines.</summary>
    public async Task StoreAsync(CancellationToken cancellationToken)
    {
        if (stored.Count == 0)
        {
            return;
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopyTransactionsSql, cancellationToken))
        {
            foreach (var (t, imported) in stored)
            {
                importer.StartRow();
                importer.Write(t.TransactionId, NpgsqlDbType.Uuid);
                importer.Write(t.ExternalId, NpgsqlDbType.Text);
                importer.Write(t.CustomerId, NpgsqlDbType.Uuid);
                importer.Write(t.Kind, NpgsqlDbType.Text);
                if (t.OriginalTransactionId is { } originalId)
                {
                    importer.Write(originalId, NpgsqlDbType.Uuid);
                }
                else
                {
                    importer.WriteNull();
                }

                importer.Write(t.OccurredAt, NpgsqlDbType.TimestampTz);
                importer.Write(t.Channel, NpgsqlDbType.Text);
                importer.Write(t.Currency, NpgsqlDbType.Text);
                importer.Write(t.Revenue, NpgsqlDbType.Numeric);
                importer.Write(t.Discounts, NpgsqlDbType.Numeric);
                importer.Write(t.Allowances, NpgsqlDbType.Numeric);
                importer.Write(t.NetAmount, NpgsqlDbType.Numeric);
                importer.Write(t.ProductCost, NpgsqlDbType.Numeric);
                importer.Write(imported.Lines.Count, NpgsqlDbType.Integer);
                importer.Write(imported.Fingerprint, NpgsqlDbType.Text);
                importer.Write(jobId, NpgsqlDbType.Uuid);
                importer.Write(now, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopyLinesSql, cancellationToken))
        {
            foreach (var (t, imported) in stored)
            {
                for (var i = 0; i < imported.Lines.Count; i++)
                {
                    var line = imported.Lines[i];
                    importer.StartRow();
                    importer.Write(t.TransactionId, NpgsqlDbType.Uuid);
                    importer.Write(i + 1, NpgsqlDbType.Integer);
                    importer.Write(line.Sku!, NpgsqlDbType.Text);
                    importer.Write(line.Category!, NpgsqlDbType.Text);
                    importer.Write(line.Quantity, NpgsqlDbType.Numeric);
                    importer.Write(line.UnitPrice, NpgsqlDbType.Numeric);
                    importer.Write(line.Discount, NpgsqlDbType.Numeric);
                    importer.Write(line.Allowance, NpgsqlDbType.Numeric);
                    importer.Write(line.UnitCost, NpgsqlDbType.Numeric);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }
    }

    public async Task EnqueueEventsAsync(CancellationToken cancellationToken)
    {
        var events = stored.Select(s => s.Transaction).Chunk(TransactionWriter.EventSize)
            .Select(chunk => (IIntegrationEvent)new TransactionsRecorded(Guid.CreateVersion7(now), now, jobId, chunk))
            .ToList();
        await outbox.EnqueueAsync(transaction, events, cancellationToken);
    }
}
