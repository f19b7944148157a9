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
    // One round trip before writing: the customer, locked for share (an erasure waits for postings in flight), and any
    // transaction already holding the id.
    private const string SaleLookupSql = """
        select c.erased_at is not null as erased,
            (select id from transactions where external_id = @TransactionId) as existing_id
        from customers c where c.id = @CustomerId
        for share of c
        """;

    // For a return, also the sale it returns and what its returns took back so far. Only returns pay for this: with it
    // in every posting's look-up, PostgreSQL used 5-10 % of a core more at 300 sales a second (docs/benchmarks.md).
    private const string ReturnLookupSql = """
        select c.erased_at is not null as erased,
            (select id from transactions where external_id = @TransactionId) as existing_id,
            o.id as original_id, o.currency as original_currency, o.occurred_at as original_occurred_at, o.revenue as original_revenue,
            (select coalesce(sum(r.revenue), 0) from transactions r
             where r.original_id = o.id and r.original_id is not null and r.reversed_at is null) as original_returned
        from customers c
        left join lateral (
            select id, currency, occurred_at, revenue from transactions
            where external_id = @OriginalTransactionId and customer_id = @CustomerId and kind = 'sale' and reversed_at is null) o on true
        where c.id = @CustomerId
        for share of c
        """;

    // Two returns of one sale posted at once must each count the other: a return first takes its customer's row for
    // update, so the look-up after it (a statement of its own, so a snapshot of its own) sees a return committed meanwhile.
    private const string LockForReturnSql = "select 1 from customers where id = @CustomerId for update;";

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

    /// <returns>The outcome, the transaction stored (now or earlier), and for <see cref="PostingOutcome.ReturnRefused"/>
    /// the field at fault and why.</returns>
    public async Task<(PostingOutcome Outcome, Transaction? Transaction, (string Field, string Message)? Refusal)> PostAsync(
        Guid customerId, PostTransaction posted, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var fingerprint = TransactionFingerprint.Of(posted);
        var isReturn = posted.Kind == TransactionKinds.Return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var lookup = await LookUpAsync(connection, transaction, customerId, posted, isReturn, cancellationToken);
        if (lookup is null)
        {
            return (PostingOutcome.CustomerNotFound, null, null);
        }

        if (lookup.Erased)
        {
            return (PostingOutcome.CustomerErased, null, null);
        }

        if (lookup.ExistingId is not null)
        {
            return await EarlierPostingAsync(connection, transaction, customerId, posted, fingerprint, cancellationToken);
        }

        if (isReturn)
        {
            if (lookup.OriginalSale is not { } sale)
            {
                return (PostingOutcome.OriginalNotFound, null, null);
            }

            if (ReturnRules.Check(sale, posted.Currency!, posted.OccurredAt, TransactionTotals.Of(posted.Lines!).Revenue) is { } refusal)
            {
                return (PostingOutcome.ReturnRefused, null, refusal);
            }
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
        return (PostingOutcome.Created, stored, null);
    }

    private static async Task<PostingLookup?> LookUpAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid customerId, PostTransaction posted, bool isReturn, CancellationToken cancellationToken)
    {
        var parameters = new { CustomerId = customerId, posted.TransactionId, posted.OriginalTransactionId };
        if (!isReturn)
        {
            return await connection.QuerySingleOrDefaultAsync<PostingLookup>(new CommandDefinition(
                SaleLookupSql, parameters, transaction, cancellationToken: cancellationToken));
        }

        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            LockForReturnSql + ReturnLookupSql, parameters, transaction, cancellationToken: cancellationToken));
        _ = await results.ReadAsync<int>();
        return await results.ReadSingleOrDefaultAsync<PostingLookup>();
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

    private static async Task<(PostingOutcome, Transaction?, (string, string)?)> EarlierPostingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid customerId, PostTransaction posted, string fingerprint,
        CancellationToken cancellationToken)
    {
        var earlier = (await FindAsync(connection, transaction, posted.TransactionId!, cancellationToken))!;
        var sameContent = earlier.Fingerprint == fingerprint && earlier.CustomerId == customerId;
        return (sameContent ? PostingOutcome.Replayed : PostingOutcome.IdTaken, earlier.Transaction, null);
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
        public string? OriginalCurrency { get; init; }
        public DateTimeOffset? OriginalOccurredAt { get; init; }
        public decimal? OriginalRevenue { get; init; }
        public decimal OriginalReturned { get; init; }

        public ReturnableSale? OriginalSale => OriginalId is { } id
            ? new ReturnableSale(id, OriginalCurrency!, OriginalOccurredAt!.Value, OriginalRevenue!.Value, OriginalReturned)
            : null;
    }
}
