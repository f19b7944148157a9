using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>Records transactions one at a time, idempotent on the business's transaction id.</summary>
public sealed class TransactionStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    // One round trip before writing: the customer, locked for share (an erasure waits for postings in flight), any
    // transaction already holding the id, and for a return the sale it returns.
    private const string LookupSql = """
        select c.erased_at is not null as erased,
            (select id from transactions where external_id = @TransactionId) as existing_id,
            (select id from transactions where external_id = @OriginalTransactionId and customer_id = @CustomerId
                and kind = 'sale' and reversed_at is null) as original_id
        from customers c where c.id = @CustomerId
        for share of c
        """;

    // The lines go in only if the header did: a concurrent posting of the same id wins the conflict.
    private const string InsertSql = """
        insert into transactions (id, external_id, customer_id, kind, original_id, occurred_at, channel, currency, revenue,
            discounts, allowances, net_amount, product_cost, line_count, fingerprint, recorded_at)
        values (@Id, @ExternalId, @CustomerId, @Kind, @OriginalId, @OccurredAt, @Channel, @Currency, @Revenue,
            @Discounts, @Allowances, @NetAmount, @ProductCost, @LineCount, @Fingerprint, @RecordedAt)
        on conflict (external_id) do nothing;
        insert into transaction_lines (transaction_id, line_no, sku, category, quantity, unit_price, discount, allowance, unit_cost)
        select @Id, * from unnest(@LineNos, @Skus, @Categories, @Quantities, @UnitPrices, @LineDiscounts, @LineAllowances, @UnitCosts)
        where exists (select 1 from transactions where id = @Id);
        """;

    private const string SelectByExternalIdSql = $"{TransactionRow.Select} where t.external_id = @ExternalId";

    public async Task<(PostingOutcome Outcome, Transaction? Transaction)> PostAsync(
        Guid customerId, PostTransaction posted, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var fingerprint = TransactionFingerprint.Of(posted);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var lookup = await connection.QuerySingleOrDefaultAsync<PostingLookup>(new CommandDefinition(
            LookupSql, new { CustomerId = customerId, posted.TransactionId, posted.OriginalTransactionId }, transaction, cancellationToken: cancellationToken));
        if (lookup is null)
        {
            return (PostingOutcome.CustomerNotFound, null);
        }

        if (lookup.Erased)
        {
            return (PostingOutcome.CustomerErased, null);
        }

        if (lookup.ExistingId is not null)
        {
            return await EarlierPostingAsync(connection, transaction, customerId, posted, fingerprint, cancellationToken);
        }

        if (posted.Kind == TransactionKinds.Return && lookup.OriginalId is null)
        {
            return (PostingOutcome.OriginalNotFound, null);
        }

        var stored = Stored(Guid.CreateVersion7(now), customerId, posted, now);
        var lines = posted.Lines!;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            stored.Id,
            ExternalId = stored.TransactionId,
            stored.CustomerId,
            stored.Kind,
            lookup.OriginalId,
            stored.OccurredAt,
            stored.Channel,
            stored.Currency,
            stored.Revenue,
            stored.Discounts,
            stored.Allowances,
            stored.NetAmount,
            stored.ProductCost,
            LineCount = lines.Count,
            Fingerprint = fingerprint,
            RecordedAt = now,
            LineNos = Enumerable.Range(1, lines.Count).ToArray(),
            Skus = lines.Select(l => l.Sku!).ToArray(),
            Categories = lines.Select(l => l.Category!).ToArray(),
            Quantities = lines.Select(l => l.Quantity).ToArray(),
            UnitPrices = lines.Select(l => l.UnitPrice).ToArray(),
            LineDiscounts = lines.Select(l => l.Discount).ToArray(),
            LineAllowances = lines.Select(l => l.Allowance).ToArray(),
            UnitCosts = lines.Select(l => l.UnitCost).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // Someone posted the same id between our look-up and insert; their row decides.
            return await EarlierPostingAsync(connection, transaction, customerId, posted, fingerprint, cancellationToken);
        }

        var recorded = new RecordedTransaction(
            stored.Id, stored.TransactionId, customerId, stored.OccurredAt, stored.Channel, stored.Currency, stored.Kind,
            lookup.OriginalId, stored.Revenue, stored.Discounts, stored.Allowances, stored.NetAmount, stored.ProductCost, TransactionCategories.Of(lines));
        await outbox.EnqueueAsync(transaction, new TransactionsRecorded(Guid.CreateVersion7(now), now, null, [recorded]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (PostingOutcome.Created, stored);
    }

    /// <summary>
    /// The transaction exactly as a later read returns it — amounts at the columns' scales, times at microseconds in
    /// UTC — so a retry's answer (read from the database) is byte for byte the first one's.
    /// </summary>
    private static Transaction Stored(Guid id, Guid customerId, PostTransaction posted, DateTimeOffset now)
    {
        var totals = TransactionTotals.Of(posted.Lines!);
        var lines = posted.Lines!.Select(line => new TransactionLine(
            line.Sku!, line.Category!, Scale(line.Quantity, 3), Scale(line.UnitPrice, 4), Scale(line.Discount, 2),
            Scale(line.Allowance, 2), Scale(line.UnitCost, 4))).ToList();
        return new Transaction(
            id, posted.TransactionId!, customerId, posted.Kind ?? TransactionKinds.Sale, posted.OriginalTransactionId,
            posted.OccurredAt.ToStoredPrecision(), posted.Channel!, posted.Currency!, Scale(totals.Revenue, 2), Scale(totals.Discounts, 2),
            Scale(totals.Allowances, 2), Scale(totals.NetAmount, 2), Scale(totals.ProductCost, 2), lines, now, null, null);
    }

    // Adding a zero with the column's scale gives the value that scale (4.5 + 0.0000 = 4.5000), as numeric(p, s) does.
    private static decimal Scale(decimal value, int scale) =>
        decimal.Round(value, scale, MidpointRounding.AwayFromZero) + new decimal(0, 0, 0, false, (byte)scale);

    private static async Task<(PostingOutcome, Transaction?)> EarlierPostingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid customerId, PostTransaction posted, string fingerprint,
        CancellationToken cancellationToken)
    {
        var earlier = (await FindAsync(connection, transaction, posted.TransactionId!, cancellationToken))!;
        var sameContent = earlier.Fingerprint == fingerprint && earlier.CustomerId == customerId;
        return (sameContent ? PostingOutcome.Replayed : PostingOutcome.IdTaken, earlier.Transaction);
    }

    private static async Task<StoredTransaction?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string externalId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            SelectByExternalIdSql, new { ExternalId = externalId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<TransactionLineRow>(new CommandDefinition(
            TransactionRow.SelectLines, new { Ids = new[] { row.Id } }, transaction, cancellationToken: cancellationToken));
        return new StoredTransaction(row.ToTransaction([.. lines.Select(line => line.ToLine())]), row.Fingerprint, row.CustomerId);
    }

    private sealed record StoredTransaction(Transaction Transaction, string Fingerprint, Guid CustomerId);

    private sealed class PostingLookup
    {
        public bool Erased { get; init; }
        public Guid? ExistingId { get; init; }
        public Guid? OriginalId { get; init; }
    }
}
