using Crm.Contracts.Customers;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Follows each customer's buying as transactions arrive: distinct purchase days, first and last purchase and net
/// revenue (returns subtract) — what their RFM scores are read from — and purchase days per sales channel, what
/// their preferred channel is read from. An import's batches can arrive after one of its customers was erased: every
/// statement skips erased customers, so nothing about them is written again.
/// </summary>
public sealed class PurchaseStore
{
    private const string InsertDaysSql = """
        insert into purchase_days (customer_id, day)
        select distinct * from unnest(@CustomerIds, @Days) as c(customer_id, day)
        where not exists (select from erased_customers e where e.customer_id = c.customer_id)
        on conflict do nothing
        """;

    // Only days new to purchase_channel_days count, so a replayed or late batch adds nothing twice (as purchase_days).
    private const string InsertChannelDaysSql = """
        with new_days as (
            insert into purchase_channel_days (customer_id, channel, day)
            select distinct * from unnest(@CustomerIds, @Channels, @Days) as c(customer_id, channel, day)
            where not exists (select from erased_customers e where e.customer_id = c.customer_id)
            on conflict do nothing
            returning customer_id, channel)
        insert into purchase_channels (customer_id, channel, purchases)
        select customer_id, channel, count(*) from new_days group by customer_id, channel
        on conflict (customer_id, channel) do update set purchases = purchase_channels.purchases + excluded.purchases
        """;

    // Revenue and the purchase-day figures in one write per customer (an update is a new row version: one, not two),
    // in key order, so two batches sharing customers take their rows in the same order and cannot deadlock.
    private const string UpdateFactsSql = """
        insert into customer_facts (customer_id, revenue, purchase_days, first_purchase, last_purchase, updated_at)
        select t.customer_id, t.amount, d.days, d.first_day, d.last_day, now()
        from (select customer_id, sum(amount) as amount from unnest(@CustomerIds, @Amounts) as u(customer_id, amount)
              where not exists (select from erased_customers e where e.customer_id = u.customer_id) group by customer_id) t
        cross join lateral (select count(*)::integer as days, min(day) as first_day, max(day) as last_day
                            from purchase_days p where p.customer_id = t.customer_id) d
        order by t.customer_id
        on conflict (customer_id) do update set revenue = customer_facts.revenue + excluded.revenue,
            purchase_days = excluded.purchase_days, first_purchase = excluded.first_purchase,
            last_purchase = excluded.last_purchase, updated_at = excluded.updated_at
        """;

    public async Task RecordAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedTransaction> transactions, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var sales = transactions.Where(t => t.Kind == TransactionKinds.Sale).ToList();
        var buyers = sales.Select(t => t.CustomerId).ToArray();
        var days = sales.Select(t => DateOnly.FromDateTime(t.OccurredAt.UtcDateTime)).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(InsertDaysSql, new { CustomerIds = buyers, Days = days }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertChannelDaysSql, new
        {
            CustomerIds = buyers,
            Channels = sales.Select(t => t.Channel).ToArray(),
            Days = days,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(UpdateFactsSql, new
        {
            CustomerIds = transactions.Select(t => t.CustomerId).ToArray(),
            Amounts = transactions.Select(t => t.Kind == TransactionKinds.Return ? -t.NetAmount : t.NetAmount).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }
}
