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
    private const string SelectOriginalSql = """
        select id from transactions
        where external_id = @OriginalTransactionId and customer_id = @CustomerId and kind = 'sale' and reversed_at is null
        """;

    private const string InsertSql = """
        insert into transactions (id, external_id, customer_id, kind, original_id, occurred_at, channel, currency, revenue,
            discounts, allowances, net_amount, product_cost, line_count, fingerprint, recorded_at)
        values (@Id, @ExternalId, @CustomerId, @Kind, @OriginalId, @OccurredAt, @Channel, @Currency, @Revenue,
            @Discounts, @Allowances, @NetAmount, @ProductCost, @LineCount, @Fingerprint, @RecordedAt)
        on conflict (external_id) do nothing
        """;

    private const string InsertLinesSql = """
        insert into transaction_lines (transaction_id, line_no, sku, category, quantity, unit_price, discount, allowance, unit_cost)
        select @TransactionId, * from unnest(@LineNos, @Skus, @Categories, @Quantities, @UnitPrices, @Discounts, @Allowances, @UnitCosts)
        """;

    private const string SelectByExternalIdSql = $"{TransactionRow.Select} where t.external_id = @ExternalId";

    public async Task<(PostingOutcome Outcome, Transaction? Transaction)> PostAsync(
        Guid customerId, PostTransaction posted, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        switch (await CustomerLock.AcquireAsync(connection, transaction, customerId, cancellationToken))
        {
            case CustomerLock.State.Missing:
                return (PostingOutcome.CustomerNotFound, null);
            case CustomerLock.State.Erased:
                return (PostingOutcome.CustomerErased, null);
        }

        var fingerprint = TransactionFingerprint.Of(posted);
        if (await FindAsync(connection, transaction, posted.TransactionId!, cancellationToken) is { } existing)
        {
            return (existing.Fingerprint == fingerprint && existing.CustomerId == customerId ? PostingOutcome.Replayed : PostingOutcome.IdTaken,
                existing.Transaction);
        }

        Guid? originalId = null;
        if (posted.Kind == TransactionKinds.Return)
        {
            originalId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                SelectOriginalSql, new { posted.OriginalTransactionId, CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
            if (originalId is null)
            {
                return (PostingOutcome.OriginalNotFound, null);
            }
        }

        var id = Guid.CreateVersion7(now);
        var lines = posted.Lines!;
        var totals = TransactionTotals.Of(lines);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            ExternalId = posted.TransactionId,
            CustomerId = customerId,
            Kind = posted.Kind ?? TransactionKinds.Sale,
            OriginalId = originalId,
            OccurredAt = posted.OccurredAt.ToUniversalTime(),
            posted.Channel,
            posted.Currency,
            totals.Revenue,
            totals.Discounts,
            totals.Allowances,
            totals.NetAmount,
            totals.ProductCost,
            LineCount = lines.Count,
            Fingerprint = fingerprint,
            RecordedAt = now,
        }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // Someone posted the same id between our look-up and insert; their row decides.
            var winner = await FindAsync(connection, transaction, posted.TransactionId!, cancellationToken);
            return (winner!.Fingerprint == fingerprint && winner.CustomerId == customerId ? PostingOutcome.Replayed : PostingOutcome.IdTaken, winner.Transaction);
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertLinesSql, new
        {
            TransactionId = id,
            LineNos = Enumerable.Range(1, lines.Count).ToArray(),
            Skus = lines.Select(l => l.Sku!).ToArray(),
            Categories = lines.Select(l => l.Category!).ToArray(),
            Quantities = lines.Select(l => l.Quantity).ToArray(),
            UnitPrices = lines.Select(l => l.UnitPrice).ToArray(),
            Discounts = lines.Select(l => l.Discount).ToArray(),
            Allowances = lines.Select(l => l.Allowance).ToArray(),
            UnitCosts = lines.Select(l => l.UnitCost).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

        var stored = await FindAsync(connection, transaction, posted.TransactionId!, cancellationToken);
        var recorded = new RecordedTransaction(
            id, posted.TransactionId!, customerId, stored!.Transaction.OccurredAt, posted.Channel!, posted.Currency!, stored.Transaction.Kind,
            originalId, totals.Revenue, totals.Discounts, totals.Allowances, totals.NetAmount, totals.ProductCost, TransactionCategories.Of(lines));
        await outbox.EnqueueAsync(transaction, new TransactionsRecorded(Guid.CreateVersion7(now), now, null, [recorded]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (PostingOutcome.Created, stored.Transaction);
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
}
