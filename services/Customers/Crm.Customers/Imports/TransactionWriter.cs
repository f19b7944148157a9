using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Customers.Imports;

/// <summary>
/// Writes a batch of checked transactions: resolves customers and originals, skips what is recorded already, copies
/// the new ones into transactions and transaction_lines, and enqueues TransactionsRecorded events of up to 1,000.
/// </summary>
internal sealed class TransactionWriter(Outbox outbox)
{
    public const int EventSize = 1000;

    // The table grows by hundreds of thousands of rows during an import, faster than autovacuum refreshes its
    // statistics; with stale ones the planner took a sequential scan of the whole table for every batch's look-up
    // (measured: 40 ms at 200,000 rows, growing with the table) instead of the unique index on external_id (15 ms).
    // For the rest of the batch's transaction only.
    private const string PreferIndexesSql = "set local enable_seqscan = off";

    private const string ExistingSql = """
        select external_id as ExternalId, id, customer_id as CustomerId, fingerprint
        from transactions where external_id = any(@Ids)
        """;

    private const string CopyTransactionsSql = """
        copy transactions (id, external_id, customer_id, kind, original_id, occurred_at, channel, currency, revenue,
            discounts, allowances, net_amount, product_cost, line_count, fingerprint, import_id, recorded_at)
        from stdin (format binary)
        """;

    private const string CopyLinesSql = """
        copy transaction_lines (transaction_id, line_no, sku, category, quantity, unit_price, discount, allowance, unit_cost)
        from stdin (format binary)
        """;

    public async Task<BatchOutcome> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch<ImportedTransaction> batch, ImportContext context,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(PreferIndexesSql, transaction: transaction, cancellationToken: cancellationToken));
        var customers = await CustomerKeys.ResolveAsync(connection, transaction, batch.Items.Select(t => t.CustomerExternalId), cancellationToken);
        var known = await ExistingAsync(connection, transaction, batch.Items, cancellationToken);

        var errors = new List<ImportRowError>();
        var stored = new List<(RecordedTransaction Transaction, ImportedTransaction Imported)>();
        long skipped = 0, rejected = 0;
        foreach (var imported in batch.Items)
        {
            customers.TryGetValue(imported.CustomerExternalId, out var customer);
            StoredTransactionKey? original = null;
            var problem = CustomerKeys.Problem(imported.CustomerExternalId, customer) is { } customerProblem
                ? new Rejection("customerId", customerProblem)
                : Check(imported, customer!, known, out original);
            if (problem == Rejection.AlreadyRecorded)
            {
                skipped += imported.Lines.Count;
                continue;
            }

            if (problem is { } rejection)
            {
                rejected += imported.Lines.Count;
                var field = ImportFields.Name(rejection.Field!, context.IsCsv);
                errors.AddRange(imported.FileLines.Select(line => new ImportRowError(line, field, rejection.Message)));
                continue;
            }

            var id = Guid.CreateVersion7(now);
            known[imported.ExternalId] = new StoredTransactionKey(imported.ExternalId, id, customer!.Id, imported.Fingerprint);
            var totals = imported.Totals;
            stored.Add((new RecordedTransaction(
                id, imported.ExternalId, customer.Id, imported.OccurredAt, imported.Channel, imported.Currency, imported.Kind, original?.Id,
                totals.Revenue, totals.Discounts, totals.Allowances, totals.NetAmount, totals.ProductCost, imported.Categories), imported));
        }

        if (stored.Count > 0)
        {
            await CopyAsync(connection, stored, context.JobId, now, cancellationToken);
            var events = stored.Select(s => s.Transaction).Chunk(EventSize)
                .Select(chunk => (IIntegrationEvent)new TransactionsRecorded(Guid.CreateVersion7(now), now, context.JobId, chunk))
                .ToList();
            await outbox.EnqueueAsync(transaction, events, cancellationToken);
        }

        return new BatchOutcome(stored.Sum(s => (long)s.Imported.Lines.Count), skipped, rejected, errors);
    }

    /// <summary>
    /// Null when the transaction is new; <see cref="Rejection.AlreadyRecorded"/> when it is recorded already with the
    /// same content (skipped); otherwise why it is rejected.
    /// </summary>
    private static Rejection? Check(
        ImportedTransaction imported, CustomerKey customer, Dictionary<string, StoredTransactionKey> known, out StoredTransactionKey? original)
    {
        original = null;
        if (known.TryGetValue(imported.ExternalId, out var existing))
        {
            return existing.Fingerprint == imported.Fingerprint && existing.CustomerId == customer.Id
                ? Rejection.AlreadyRecorded
                : new Rejection("transactionId", $"'{Model.FieldRules.Shorten(imported.ExternalId)}' is recorded already with different content.");
        }

        if (imported.OriginalExternalId is not { } originalId)
        {
            return null;
        }

        if (!known.TryGetValue(originalId, out original))
        {
            return new Rejection("originalTransactionId", $"no transaction '{Model.FieldRules.Shorten(originalId)}' is recorded (nor earlier in this file).");
        }

        return original.CustomerId == customer.Id
            ? null
            : new Rejection("originalTransactionId", $"transaction '{Model.FieldRules.Shorten(originalId)}' belongs to another customer.");
    }

    private static async Task<Dictionary<string, StoredTransactionKey>> ExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<ImportedTransaction> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(t => t.ExternalId)
            .Concat(items.Where(t => t.OriginalExternalId is not null).Select(t => t.OriginalExternalId!))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var found = await connection.QueryAsync<StoredTransactionKey>(new CommandDefinition(
            ExistingSql, new { Ids = ids }, transaction, cancellationToken: cancellationToken));
        return found.ToDictionary(t => t.ExternalId, StringComparer.Ordinal);
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, List<(RecordedTransaction Transaction, ImportedTransaction Imported)> stored, Guid jobId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
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
}
