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
        select id, earned_at as EarnedAt, expires_at as ExpiresAt, remaining, source = @PreferSource as Preferred
        from earning_batches
        where customer_id = @CustomerId and remaining > 0 and expires_at > @Now and (not @AvailableOnly or available_at <= @Now)
        order by id
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
    public async Task<DebitOutcome> DebitAsync(NpgsqlTransaction transaction, Debit debit, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var now = clock.GetStoredUtcNow();
        var batches = (await connection.QueryAsync<SpendableBatch>(new CommandDefinition(SpendableSql, new
        {
            debit.CustomerId,
            PreferSource = debit.PreferSource ?? "",
            debit.AvailableOnly,
            Now = now,
        }, transaction, cancellationToken: cancellationToken))).ToList();

        var taken = new List<BatchDebit>();
        var wanted = debit.Points;
        foreach (var preferred in batches.Where(batch => batch.Preferred))
        {
            var points = Math.Min(wanted, preferred.Remaining);
            taken.Add(new BatchDebit(preferred.Id, points));
            wanted -= points;
        }

        var others = batches.Where(batch => !batch.Preferred).Select(batch => batch.ToEarningBatch()).ToList();
        var fromOthers = Math.Min(wanted, others.Sum(batch => batch.Remaining));
        if (fromOthers > 0)
        {
            taken.AddRange(BatchAllocation.Take(others, fromOthers));
        }

        taken.RemoveAll(batchDebit => batchDebit.Points == 0);
        var total = taken.Sum(batchDebit => batchDebit.Points);
        if (total > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(TakeSql, new
            {
                BatchIds = taken.Select(t => t.BatchId).ToArray(),
                Points = taken.Select(t => t.Points).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
            await WriteEntryAsync(transaction, debit.CustomerId, debit.Kind, -total, debit.Source, debit.Reason, debit.OccurredAt, cancellationToken);
        }

        return new DebitOutcome(total, debit.Points - total, taken);
    }

    /// <summary>Gives back exactly what an earlier debit took, to the same batches (a cancelled redemption).</summary>
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
        transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertEntriesSql, new
        {
            CustomerIds = new[] { customerId },
            Kinds = new[] { kind },
            Points = new[] { points },
            Sources = new[] { source },
            RuleIds = new Guid?[] { null },
            RuleVersions = new int?[] { null },
            Reasons = new[] { reason },
            OccurredAts = new[] { occurredAt.UtcDateTime },
            Now = clock.GetStoredUtcNow(),
        }, transaction, cancellationToken: cancellationToken));

    private sealed record SpendableBatch(long Id, DateTimeOffset EarnedAt, DateTimeOffset ExpiresAt, long Remaining, bool Preferred)
    {
        public EarningBatch ToEarningBatch() => new(Id, EarnedAt, ExpiresAt, Remaining);
    }
}
