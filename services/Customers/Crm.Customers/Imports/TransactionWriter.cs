using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Imports;

/// <summary>
/// Decides a batch of checked transactions: resolves customers and originals and skips what is recorded already;
/// <see cref="StagedTransactions"/> then copies the new ones and enqueues their events.
/// </summary>
internal sealed class TransactionWriter(Outbox outbox)
{
    /// <summary>Transactions per TransactionsRecorded event of an import.</summary>
    public const int EventSize = 1000;

    // The transactions the batch names (its own ids and its returns' originals), then the returns recorded so far of
    // those originals, which the writer counts against each sale (leaving out the batch before's, counted from memory).
    // Measured: as a join, the planner read every return there is for each batch (a re-import ran at 72,000 lines/s
    // instead of 160,000); the originals' ids as an array, with "original_id is not null" to match the partial index,
    // make it one index probe per original.
    private const string ExistingSql = """
        select external_id as ExternalId, id, customer_id as CustomerId, fingerprint, kind = 'sale' and reversed_at is null as Returnable,
            currency, occurred_at as OccurredAt, revenue
        from transactions where external_id = any(@Ids);
        select original_id as OriginalId, id, revenue from transactions
        where original_id = any(array(select id from transactions where external_id = any(@Originals)))
            and original_id is not null and reversed_at is null;
        """;

    /// <summary>
    /// Decides a batch of checked transactions against what is recorded (and what <paramref name="previous"/>, the
    /// batch before still in flight, decided): new, skipped as recorded already, or rejected.
    /// </summary>
    public async Task<StagedTransactions> StageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch<ImportedTransaction> batch, ImportContext context,
        KnownCustomers knownCustomers, StagedTransactions? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Measured: a sequential scan of transactions took 40 ms at 200,000 rows for the look-up by external id, growing
        // with the table; the unique index 15 ms.
        await transaction.PreferIndexesAsync(cancellationToken);
        var customers = await knownCustomers.ResolveAsync(connection, transaction, batch.Items.Select(t => t.CustomerExternalId), cancellationToken);
        var known = await ExistingAsync(connection, transaction, batch.Items, previous, cancellationToken);
        var returned = new ReturnedSoFar(previous?.Returned);
        if (previous is not null)
        {
            foreach (var (externalId, key) in previous.Decided)
            {
                known.TryAdd(externalId, key);
            }
        }

        var errors = new List<ImportRowError>();
        var stored = new List<(RecordedTransaction Transaction, ImportedTransaction Imported)>();
        var decided = new Dictionary<string, StoredTransactionKey>(StringComparer.Ordinal);
        long skipped = 0, rejected = 0;
        var ids = new AscendingIds(now);
        foreach (var imported in batch.Items)
        {
            customers.TryGetValue(imported.CustomerExternalId, out var customer);
            StoredTransactionKey? original = null;
            var problem = CustomerKeys.Problem(imported.CustomerExternalId, customer) is { } customerProblem
                ? new Rejection("customerId", customerProblem)
                : Check(imported, customer!, known, returned, out original);
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

            var id = ids.Next();
            var totals = imported.Totals;
            var sale = imported.Kind == TransactionKinds.Sale ? new ReturnableSale(id, imported.Currency, imported.OccurredAt, totals.Revenue, 0) : null;
            var key = new StoredTransactionKey(imported.ExternalId, id, customer!.Id, imported.Fingerprint, sale);
            known[imported.ExternalId] = key;
            decided[imported.ExternalId] = key;
            if (original is not null)
            {
                returned.Add(original.Id, totals.Revenue);
            }

            stored.Add((new RecordedTransaction(
                id, imported.ExternalId, customer.Id, imported.OccurredAt, imported.Channel, imported.Currency, imported.Kind, original?.Id,
                totals.Revenue, totals.Discounts, totals.Allowances, totals.NetAmount, totals.ProductCost, imported.Categories), imported));
        }

        var outcome = new BatchOutcome(stored.Sum(s => (long)s.Imported.Lines.Count), skipped, rejected, errors);
        return new StagedTransactions(outbox, connection, transaction, context.JobId, now, stored, decided, returned.ThisBatch, outcome);
    }

    /// <summary>
    /// Null when the transaction is new; <see cref="Rejection.AlreadyRecorded"/> when it is recorded already with the
    /// same content (skipped); otherwise why it is rejected.
    /// </summary>
    private static Rejection? Check(
        ImportedTransaction imported, CustomerKey customer, Dictionary<string, StoredTransactionKey> known, ReturnedSoFar returned,
        out StoredTransactionKey? original)
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

        if (original.CustomerId != customer.Id)
        {
            return new Rejection("originalTransactionId", $"transaction '{Model.FieldRules.Shorten(originalId)}' belongs to another customer.");
        }

        if (original.Sale is not { } sale)
        {
            return new Rejection("originalTransactionId", $"transaction '{Model.FieldRules.Shorten(originalId)}' is not a sale that can be returned.");
        }

        return ReturnRules.Check(returned.Of(sale), imported.Currency, imported.OccurredAt, imported.Totals.Revenue) is { } refusal
            ? new Rejection(refusal.Field, refusal.Message)
            : null;
    }

    private static async Task<Dictionary<string, StoredTransactionKey>> ExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<ImportedTransaction> items, StagedTransactions? previous,
        CancellationToken cancellationToken)
    {
        var originals = items.Where(t => t.OriginalExternalId is not null).Select(t => t.OriginalExternalId!).Distinct(StringComparer.Ordinal).ToArray();
        var ids = items.Select(t => t.ExternalId).Concat(originals).Distinct(StringComparer.Ordinal).ToArray();
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            ExistingSql, new { Ids = ids, Originals = originals }, transaction, cancellationToken: cancellationToken));
        var found = await results.ReadAsync<ExistingRow>();
        var returns = await results.ReadAsync<RecordedReturn>();

        // The batch before may have committed since it was decided; its returns are in ReturnedSoFar either way.
        var inFlight = previous?.Decided.Values.Select(key => key.Id).ToHashSet() ?? [];
        var returned = returns.Where(r => !inFlight.Contains(r.Id)).GroupBy(r => r.OriginalId).ToDictionary(g => g.Key, g => g.Sum(r => r.Revenue));
        return found.ToDictionary(row => row.ExternalId, row => row.ToKey(returned.GetValueOrDefault(row.Id)), StringComparer.Ordinal);
    }

    private sealed record RecordedReturn(Guid OriginalId, Guid Id, decimal Revenue);

    private sealed class ExistingRow
    {
        public required string ExternalId { get; init; }
        public Guid Id { get; init; }
        public Guid CustomerId { get; init; }
        public required string Fingerprint { get; init; }
        public bool Returnable { get; init; }
        public required string Currency { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public decimal Revenue { get; init; }

        public StoredTransactionKey ToKey(decimal returned) => new(
            ExternalId, Id, CustomerId, Fingerprint, Returnable ? new ReturnableSale(Id, Currency, OccurredAt, Revenue, returned) : null);
    }
}
