using Crm.Contracts.Customers;
using Crm.Segmentation.Model;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Follows each customer's buying as transactions arrive: distinct purchase days, first and last purchase and net
/// revenue (returns subtract) — what their RFM scores are read from — and purchase days per sales channel, what
/// their preferred channel is read from. Only transactions in the reporting currency count (amounts in different
/// currencies do not add up); the others are left out entirely, purchase days included, as profitability leaves them
/// out of the P&amp;L. Each transaction counted is kept in <c>recorded_transactions</c> with what it added, so that it
/// counts once and its reversal takes out exactly that. An import's batches can arrive after one of its customers was
/// erased: an erased customer's transactions are not recorded, so nothing about them is written again.
/// </summary>
public sealed class PurchaseStore(IOptions<SegmentationOptions> options)
{
    // A batch's transactions counted in one statement, one round trip: the consumer applies a batch at a time, one after
    // another, so each round trip a batch makes is paid by every event waiting behind it (issue 6's latency).
    //  - recorded: only the transactions new here count; a replayed or late one, or one reversed before it came, adds
    //    nothing. In key order, so two writers sharing transactions take their rows in the same order.
    //  - sale_days, channel_days: a day is written once, not once per sale (which sales made it is in
    //    recorded_transactions, where a reversal looks); only channel days new here add to a channel's purchases.
    //  - the facts: the statement sees purchase_days as they were before it, so the new days are added from sale_days.
    // Returns the customers whose facts moved.
    private const string RecordSql = """
        with recorded as (
            insert into recorded_transactions (transaction_id, customer_id, day, channel, kind, amount)
            select * from unnest(@Ids, @CustomerIds, @Days, @Channels, @Kinds, @Amounts) as t(transaction_id, customer_id, day, channel, kind, amount)
            where not exists (select from erased_customers e where e.customer_id = t.customer_id)
            order by transaction_id
            on conflict (transaction_id) do nothing
            returning customer_id, day, channel, kind, amount),
        sale_days as (
            insert into purchase_days (customer_id, day)
            select distinct customer_id, day from recorded where kind = @Sale
            on conflict do nothing
            returning customer_id, day),
        channel_days as (
            insert into purchase_channel_days (customer_id, channel, day)
            select distinct customer_id, channel, day from recorded where kind = @Sale
            on conflict do nothing
            returning customer_id, channel),
        channels as (
            insert into purchase_channels (customer_id, channel, purchases)
            select customer_id, channel, count(*) from channel_days group by customer_id, channel order by customer_id, channel
            on conflict (customer_id, channel) do update set purchases = purchase_channels.purchases + excluded.purchases),
        moved as (select customer_id, sum(amount) as amount from recorded group by customer_id),
        new_days as (select customer_id, count(*)::integer as days, min(day) as first_day, max(day) as last_day from sale_days group by customer_id),
        facts as (
            insert into customer_facts (customer_id, revenue, purchase_days, first_purchase, last_purchase, updated_at)
            select m.customer_id, m.amount, o.days + coalesce(n.days, 0), least(o.first_day, n.first_day), greatest(o.last_day, n.last_day), now()
            from moved m
            left join new_days n using (customer_id)
            cross join lateral (select count(*)::integer as days, min(day) as first_day, max(day) as last_day
                                from purchase_days p where p.customer_id = m.customer_id) o
            order by m.customer_id
            on conflict (customer_id) do update set revenue = customer_facts.revenue + excluded.revenue,
                purchase_days = excluded.purchase_days, first_purchase = excluded.first_purchase,
                last_purchase = excluded.last_purchase, updated_at = excluded.updated_at)
        select customer_id from moved
        """;

    // A reversed sale takes its day (and channel day) away only when no other sale counted that day stands. (A day
    // with a sale counted before recorded_transactions existed has no row there to keep it.)
    private const string TakeDayAwaySql = """
        delete from purchase_days where customer_id = @CustomerId and day = @Day
            and not exists (select from recorded_transactions r
                            where r.customer_id = @CustomerId and r.day = @Day and r.kind = @Sale and not r.reversed);
        delete from purchase_channel_days where customer_id = @CustomerId and channel = @Channel and day = @Day
            and not exists (select from recorded_transactions r
                            where r.customer_id = @CustomerId and r.day = @Day and r.channel = @Channel and r.kind = @Sale and not r.reversed);
        """;

    // Purchases per channel are the channel's purchase days, counted again for the channel a reversal moved.
    private const string CountChannelsSql = """
        with moved as (select distinct * from unnest(@CustomerIds, @Channels) as m(customer_id, channel)),
        counted as (
            select m.customer_id, m.channel, count(d.day)::integer as purchases
            from moved m left join purchase_channel_days d on d.customer_id = m.customer_id and d.channel = m.channel
            group by m.customer_id, m.channel),
        emptied as (
            delete from purchase_channels p using counted c
            where p.customer_id = c.customer_id and p.channel = c.channel and c.purchases = 0)
        insert into purchase_channels (customer_id, channel, purchases)
        select customer_id, channel, purchases from counted where purchases > 0 order by customer_id, channel
        on conflict (customer_id, channel) do update set purchases = excluded.purchases
        """;

    // Revenue and the purchase-day figures in one write per customer (an update is a new row version: one, not two),
    // in key order, so two batches sharing customers take their rows in the same order and cannot deadlock.
    private const string UpdateFactsSql = """
        insert into customer_facts (customer_id, revenue, purchase_days, first_purchase, last_purchase, updated_at)
        select t.customer_id, t.amount, d.days, d.first_day, d.last_day, now()
        from (select customer_id, sum(amount) as amount from unnest(@CustomerIds, @Amounts) as u(customer_id, amount) group by customer_id) t
        cross join lateral (select count(*)::integer as days, min(day) as first_day, max(day) as last_day
                            from purchase_days p where p.customer_id = t.customer_id) d
        order by t.customer_id
        on conflict (customer_id) do update set revenue = customer_facts.revenue + excluded.revenue,
            purchase_days = excluded.purchase_days, first_purchase = excluded.first_purchase,
            last_purchase = excluded.last_purchase, updated_at = excluded.updated_at
        """;

    // The transaction's row waits for a batch recording it concurrently (and a batch for this row), so either the
    // reversal finds the transaction here, or the transaction finds the reversal and is not counted. Returns what the
    // transaction added: no amount when it has not come yet, no row when it was reversed already.
    private const string ReverseSql = """
        insert into recorded_transactions (transaction_id, customer_id, reversed)
        select @TransactionId, @CustomerId, true where not exists (select from erased_customers e where e.customer_id = @CustomerId)
        on conflict (transaction_id) do update set reversed = true where not recorded_transactions.reversed
        returning customer_id as CustomerId, day, channel, kind, amount
        """;

    private readonly string _currency = options.Value.ReportingCurrency;

    /// <summary>Counts the transactions not counted before; returns the customers whose facts moved.</summary>
    public async Task<IReadOnlyList<Guid>> RecordAsync(
        NpgsqlTransaction transaction, IReadOnlyList<RecordedTransaction> transactions, CancellationToken cancellationToken)
    {
        var counted = transactions.Where(t => t.Currency == _currency).DistinctBy(t => t.TransactionId).ToList();
        if (counted.Count == 0)
        {
            return [];
        }

        var connection = transaction.Connection!;
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition(RecordSql, new
        {
            Ids = counted.Select(t => t.TransactionId).ToArray(),
            CustomerIds = counted.Select(t => t.CustomerId).ToArray(),
            Days = counted.Select(t => Day(t.OccurredAt)).ToArray(),
            Channels = counted.Select(t => t.Channel).ToArray(),
            Kinds = counted.Select(t => t.Kind).ToArray(),
            Amounts = counted.Select(Amount).ToArray(),
            Sale = TransactionKinds.Sale,
        }, transaction, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Takes the transaction out of the facts as if it had never been counted (a sale's revenue and, when it was the
    /// day's only sale, its purchase day; a return's subtraction), or keeps it from counting if it has not come yet.
    /// Returns the customer whose facts moved, if any.
    /// </summary>
    public async Task<Guid?> ReverseAsync(NpgsqlTransaction transaction, TransactionReversed reversal, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var counted = await connection.QuerySingleOrDefaultAsync<CountedTransaction>(new CommandDefinition(
            ReverseSql, new { reversal.TransactionId, reversal.CustomerId }, transaction, cancellationToken: cancellationToken));
        if (counted is not { Day: { } day, Channel: { } channel, Amount: { } amount })
        {
            return null;
        }

        Guid[] customer = [counted.CustomerId];
        if (counted.Kind == TransactionKinds.Sale)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                TakeDayAwaySql, new { counted.CustomerId, Day = DateOnly.FromDateTime(day), Channel = channel, Sale = TransactionKinds.Sale },
                transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                CountChannelsSql, new { CustomerIds = customer, Channels = new[] { channel } }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            UpdateFactsSql, new { CustomerIds = customer, Amounts = new[] { -amount } }, transaction, cancellationToken: cancellationToken));
        return counted.CustomerId;
    }

    private static DateOnly Day(DateTimeOffset occurredAt) => DateOnly.FromDateTime(occurredAt.UtcDateTime);

    // What the transaction adds to revenue: a return takes its amount back.
    private static decimal Amount(RecordedTransaction transaction) =>
        transaction.Kind == TransactionKinds.Return ? -transaction.NetAmount : transaction.NetAmount;

    private sealed class CountedTransaction
    {
        public Guid CustomerId { get; set; }

        public DateTime? Day { get; set; }

        public string? Channel { get; set; }

        public string? Kind { get; set; }

        public decimal? Amount { get; set; }
    }
}
