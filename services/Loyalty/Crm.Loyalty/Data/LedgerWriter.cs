using Crm.Data;
using Crm.Loyalty.Model.Expiry;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Loyalty.Data;

/// <summary>
/// The only writer of the points ledger and earning batches, always inside the caller's transaction and always both
/// at once: a credit adds a batch and its entries, a debit takes from batches oldest-expiry first and records one
/// entry. So the sum of the ledger always equals what the batches hold.
/// </summary>
public sealed class LedgerWriter(TimeProvider clock)
{
    private const string InsertEntriesSql = """
        insert into ledger_entries (customer_id, kind, points, source, rule_id, rule_version, reason, occurred_at, recorded_at)
        select *, @Now from unnest(@CustomerIds, @Kinds, @Points, @Sources, @RuleIds, @RuleVersions, @Reasons, @OccurredAts)
        """;

    // A batch of sales credits thousands of rows at once: binary COPY is the cheapest way in.
    private const string CopyEntriesSql = """
        copy ledger_entries (customer_id, kind, points, source, rule_id, rule_version, reason, occurred_at, recorded_at) from stdin (format binary)
        """;

    private const string CopyBatchesSql = """
        copy earning_batches (customer_id, source, earned_at, available_at, expires_at, points, remaining) from stdin (format binary)
        """;

    // Locked so two debits of one customer cannot both spend the same points.
    private const string SpendableSql = """
        select id, customer_id as CustomerId, source, earned_at as EarnedAt, available_at as AvailableAt, expires_at as ExpiresAt, remaining
        from earning_batches
        where customer_id = any(@CustomerIds) and remaining > 0 and expires_at > @Now
        order by customer_id, id
        for update
        """;

    private const string TakeSql = """
        update earning_batches b set remaining = b.remaining - d.points
        from unnest(@BatchIds, @Points) as d(id, points) where b.id = d.id
        """;

    private const string RestoreSql = """
        update earning_batches b set remaining = b.remaining + d.points
        from unnest(@BatchIds, @Points) as d(id, points) where b.id = d.id
        """;

    public async Task CreditAsync(NpgsqlTransaction transaction, IReadOnlyList<Credit> credits, CancellationToken cancellationToken)
    {
        var paid = credits.Where(credit => credit.Points > 0).ToList();
        if (paid.Count == 0)
        {
            return;
        }

        var connection = transaction.Connection!;
        var now = clock.GetStoredUtcNow().ToUniversalTime();
        await using (var entries = await connection.BeginBinaryImportAsync(CopyEntriesSql, cancellationToken))
        {
            foreach (var credit in paid)
            {
                foreach (var line in credit.Lines.Where(line => line.Points != 0))
                {
                    await entries.StartRowAsync(cancellationToken);
                    await entries.WriteAsync(credit.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
                    await entries.WriteAsync(credit.Kind, NpgsqlDbType.Text, cancellationToken);
                    await entries.WriteAsync(line.Points, NpgsqlDbType.Bigint, cancellationToken);
                    await entries.WriteAsync(credit.Source, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullableAsync(entries, line.RuleId, NpgsqlDbType.Uuid, cancellationToken);
                    await WriteNullableAsync(entries, line.RuleVersion, NpgsqlDbType.Integer, cancellationToken);
                    await entries.WriteAsync(line.Reason, NpgsqlDbType.Text, cancellationToken);
                    await entries.WriteAsync(credit.EarnedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await entries.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }
            }

            await entries.CompleteAsync(cancellationToken);
        }

        await using (var batches = await connection.BeginBinaryImportAsync(CopyBatchesSql, cancellationToken))
        {
            foreach (var credit in paid)
            {
                await batches.StartRowAsync(cancellationToken);
                await batches.WriteAsync(credit.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
                await batches.WriteAsync(credit.Source, NpgsqlDbType.Text, cancellationToken);
                await batches.WriteAsync(credit.EarnedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await batches.WriteAsync(credit.AvailableAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await batches.WriteAsync(credit.ExpiresAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await batches.WriteAsync(credit.Points, NpgsqlDbType.Bigint, cancellationToken);
                await batches.WriteAsync(credit.Points, NpgsqlDbType.Bigint, cancellationToken);
            }

            await batches.CompleteAsync(cancellationToken);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } present)
        {
            await importer.WriteAsync(present, type, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }

    /// <summary>Takes up to <see cref="Debit.Points"/> from the customer's batches; never more than they hold.</summary>
    public async Task<DebitOutcome> DebitAsync(NpgsqlTransaction transaction, Debit debit, CancellationToken cancellationToken) =>
        (await DebitAsync(transaction, [debit], cancellationToken))[0];

    /// <summary>
    /// Several debits, in order, each as <see cref="DebitAsync(NpgsqlTransaction, Debit, CancellationToken)"/> would take
    /// it after the one before: one read of the batches, one update and one insert, however many there are (the returns
    /// of a bulk import take back thousands of sales' points at once).
    /// </summary>
    public async Task<IReadOnlyList<DebitOutcome>> DebitAsync(NpgsqlTransaction transaction, IReadOnlyList<Debit> debits, CancellationToken cancellationToken)
    {
        if (debits.Count == 0)
        {
            return [];
        }

        var connection = transaction.Connection!;
        var now = clock.GetStoredUtcNow();
        var batches = (await connection.QueryAsync<SpendableBatch>(new CommandDefinition(SpendableSql, new
        {
            CustomerIds = debits.Select(debit => debit.CustomerId).Distinct().ToArray(),
            Now = now,
        }, transaction, cancellationToken: cancellationToken))).ToLookup(batch => batch.CustomerId);
        var remaining = batches.SelectMany(customer => customer).ToDictionary(batch => batch.Id, batch => batch.Remaining);

        var outcomes = new List<DebitOutcome>(debits.Count);
        foreach (var debit in debits)
        {
            var spendable = batches[debit.CustomerId].Where(batch => remaining[batch.Id] > 0 && (!debit.AvailableOnly || batch.AvailableAt <= now)).ToList();
            var taken = Allocate(spendable, remaining, debit);
            foreach (var batchDebit in taken)
            {
                remaining[batchDebit.BatchId] -= batchDebit.Points;
            }

            var total = taken.Sum(batchDebit => batchDebit.Points);
            outcomes.Add(new DebitOutcome(total, debit.Points - total, taken));
        }

        var moved = outcomes.SelectMany(outcome => outcome.Batches).GroupBy(batchDebit => batchDebit.BatchId)
            .Select(batch => new BatchDebit(batch.Key, batch.Sum(batchDebit => batchDebit.Points))).ToList();
        if (moved.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(TakeSql, new
            {
                BatchIds = moved.Select(t => t.BatchId).ToArray(),
                Points = moved.Select(t => t.Points).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
            await WriteEntriesAsync(transaction, [.. debits.Zip(outcomes).Where(pair => pair.Second.Taken > 0)
                .Select(pair => new Entry(pair.First.CustomerId, pair.First.Kind, -pair.Second.Taken, pair.First.Source, pair.First.Reason, pair.First.OccurredAt))],
                cancellationToken);
        }

        return outcomes;
    }

    // The debit's own source first (a return takes back its sale's points before any other), then soonest-expiring.
    // Whatever the source's batch cannot cover comes from the others: a return asks only for its sale's points that did
    // not expire (TransactionCorrections), so only spent ones are taken from other purchases.
    private static List<BatchDebit> Allocate(List<SpendableBatch> spendable, Dictionary<long, long> remaining, Debit debit)
    {
        var taken = new List<BatchDebit>();
        var wanted = debit.Points;
        var preferSource = debit.PreferSource ?? "";
        foreach (var preferred in spendable.Where(batch => batch.Source == preferSource))
        {
            var points = Math.Min(wanted, remaining[preferred.Id]);
            taken.Add(new BatchDebit(preferred.Id, points));
            wanted -= points;
        }

        var others = spendable.Where(batch => batch.Source != preferSource)
            .Select(batch => new EarningBatch(batch.Id, batch.EarnedAt, batch.ExpiresAt, remaining[batch.Id])).ToList();
        var fromOthers = Math.Min(wanted, others.Sum(batch => batch.Remaining));
        if (fromOthers > 0)
        {
            taken.AddRange(BatchAllocation.Take(others, fromOthers));
        }

        taken.RemoveAll(batchDebit => batchDebit.Points == 0);
        return taken;
    }

    /// <summary>Gives back exactly what an earlier debit took, to the same batches (a cancelled redemption, a reversed return).</summary>
    public async Task RestoreAsync(
        NpgsqlTransaction transaction, Guid customerId, IReadOnlyList<BatchDebit> debits, string source, string reason, CancellationToken cancellationToken)
    {
        var total = debits.Sum(d => d.Points);
        if (total == 0)
        {
            return;
        }

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(RestoreSql, new
        {
            BatchIds = debits.Select(d => d.BatchId).ToArray(),
            Points = debits.Select(d => d.Points).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await WriteEntryAsync(transaction, customerId, LedgerKinds.Reverse, total, source, reason, clock.GetStoredUtcNow(), cancellationToken);
    }

    /// <summary>A single entry for points whose batches the caller has already moved (expiry does its own batch update).</summary>
    public Task WriteEntryAsync(
        NpgsqlTransaction transaction, Guid customerId, string kind, long points, string source, string reason, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        WriteEntriesAsync(transaction, [new Entry(customerId, kind, points, source, reason, occurredAt)], cancellationToken);

    private Task WriteEntriesAsync(NpgsqlTransaction transaction, IReadOnlyList<Entry> entries, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertEntriesSql, new
        {
            CustomerIds = entries.Select(entry => entry.CustomerId).ToArray(),
            Kinds = entries.Select(entry => entry.Kind).ToArray(),
            Points = entries.Select(entry => entry.Points).ToArray(),
            Sources = entries.Select(entry => entry.Source).ToArray(),
            RuleIds = new Guid?[entries.Count],
            RuleVersions = new int?[entries.Count],
            Reasons = entries.Select(entry => entry.Reason).ToArray(),
            OccurredAts = entries.Select(entry => entry.OccurredAt.UtcDateTime).ToArray(),
            Now = clock.GetStoredUtcNow(),
        }, transaction, cancellationToken: cancellationToken));

    private sealed record Entry(Guid CustomerId, string Kind, long Points, string Source, string Reason, DateTimeOffset OccurredAt);

    private sealed record SpendableBatch(long Id, Guid CustomerId, string Source, DateTimeOffset EarnedAt, DateTimeOffset AvailableAt, DateTimeOffset ExpiresAt, long Remaining);
}
