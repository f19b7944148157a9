using Crm.Profitability.Model;
using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>Revenue, cost, profit, reach and repeat rate per channel: the evidence for which channels work.</summary>
public sealed class ChannelValueQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = $"""
        {PnlSql.CustomerPnl},
        sales_by_channel as (
            select channel, count(*)::integer as transactions,
                   -- Buying customers: a customer with only a return through the channel in the period bought nothing there.
                   count(distinct customer_id) filter (where kind = 'sale')::integer as customers,
                   sum(net_amount) as net_revenue,
                   sum(product_cost + channel_cost + admin_cost) as costs,
                   count(*) filter (where kind = 'sale') as sales,
                   sum(net_amount) filter (where kind = 'sale') as sales_revenue
            from priced_transactions group by channel
        ),
        repeaters as (
            select channel, count(*)::integer as repeat_customers from (
                select channel, customer_id from priced_transactions where kind = 'sale'
                group by channel, customer_id having count(distinct (occurred_at at time zone 'UTC')::date) >= 2) r
            group by channel
        ),
        contacts_by_channel as (
            select channel, count(*)::integer as interactions, sum(contact_cost + service_cost) as costs
            from priced_interactions group by channel
        ),
        buyers as (
            select count(distinct customer_id)::double precision as total from priced_transactions where kind = 'sale'
        )
        select channel as Channel,
               coalesce(s.transactions, 0) as Transactions,
               coalesce(c.interactions, 0) as Interactions,
               coalesce(s.customers, 0) as Customers,
               coalesce(s.net_revenue, 0) as NetRevenue,
               coalesce(s.costs, 0) + coalesce(c.costs, 0) as Costs,
               coalesce(s.sales_revenue / nullif(s.sales, 0), 0) as AverageOrderValue,
               coalesce(s.customers / nullif(b.total, 0), 0) as ShareOfCustomers,
               coalesce(r.repeat_customers::double precision / nullif(s.customers, 0), 0) as RepeatRate
        from sales_by_channel s
        full join contacts_by_channel c using (channel)
        left join repeaters r using (channel)
        cross join buyers b
        order by coalesce(s.net_revenue, 0) - coalesce(s.costs, 0) - coalesce(c.costs, 0) desc, channel
        """;

    public async Task<IReadOnlyList<ChannelValue>> ReadAsync(PnlPeriod period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChannelRow>(new CommandDefinition(
            Sql, new { period.From, period.To, period.Currency, CustomerId = (Guid?)null }, cancellationToken: cancellationToken));
        return [.. rows.Select(row =>
        {
            var netRevenue = Money.Cents(row.NetRevenue);
            var costs = Money.Cents(row.Costs);
            return new ChannelValue(row.Channel, row.Transactions, row.Interactions, row.Customers, netRevenue, costs,
                netRevenue - costs, Money.Cents(row.AverageOrderValue), Math.Round(row.ShareOfCustomers, 4), Math.Round(row.RepeatRate, 4));
        })];
    }


    private sealed class ChannelRow
    {
        public string Channel { get; set; } = "";

        public int Transactions { get; set; }

        public int Interactions { get; set; }

        public int Customers { get; set; }

        public decimal NetRevenue { get; set; }

        public decimal Costs { get; set; }

        public decimal AverageOrderValue { get; set; }

        public double ShareOfCustomers { get; set; }

        public double RepeatRate { get; set; }
    }
}
