namespace Crm.Profitability.Data;

/// <summary>
/// The P&amp;L as SQL: every transaction and interaction of the period priced with the cost-model version in force
/// when it happened. Parameters: @From, @To, @Currency and @CustomerId (null for every customer). The statements are
/// composed from these constants only, never from input.
/// </summary>
internal static class PnlSql
{
    /// <summary>CTEs <c>priced_transactions</c>, <c>priced_interactions</c> and <c>customer_pnl</c> (one row per customer).</summary>
    public const string CustomerPnl = """
        with priced_transactions as (
            select f.customer_id, f.channel, f.kind, f.occurred_at, f.revenue, f.allowances, f.discounts, f.net_amount, f.product_cost,
                   coalesce(c.per_transaction, 0) as channel_cost,
                   case m.admin_basis when 'perTransaction' then m.admin_amount
                                      when 'shareOfRevenue' then m.admin_amount * f.net_amount
                                      else 0 end as admin_cost
            from transaction_facts f
            left join cost_model_periods m on f.occurred_at >= m.effective_from and f.occurred_at < m.effective_to
            left join channel_costs c on c.version = m.version and c.channel = f.channel
            where not f.reversed and f.currency = @Currency and f.occurred_at >= @From and f.occurred_at < @To
              and (@CustomerId::uuid is null or f.customer_id = @CustomerId)
        ),
        priced_interactions as (
            select i.customer_id, i.channel, i.occurred_at,
                   coalesce(c.per_contact, 0) as contact_cost,
                   -- An interaction's own recorded cost wins over the model's standard cost for its type.
                   coalesce(case when i.currency = @Currency then i.cost_to_serve end, s.cost, 0) as service_cost
            from interaction_facts i
            left join cost_model_periods m on i.occurred_at >= m.effective_from and i.occurred_at < m.effective_to
            left join channel_costs c on c.version = m.version and c.channel = i.channel
            left join service_costs s on s.version = m.version and s.interaction_type = i.type
            where i.occurred_at >= @From and i.occurred_at < @To
              and (@CustomerId::uuid is null or i.customer_id = @CustomerId)
        ),
        activities as (
            select customer_id, occurred_at from priced_transactions
            union all
            select customer_id, occurred_at from priced_interactions
        ),
        -- A customer active in a month while a per-customer-month admin charge is in force pays it once for that month,
        -- at the rate in force at their first activity under such a charge (a version may start mid-month).
        month_admin as (
            select customer_id, sum(admin_amount) as admin_cost
            from (
                select distinct on (a.customer_id, date_trunc('month', a.occurred_at, 'UTC')) a.customer_id, m.admin_amount
                from activities a
                join cost_model_periods m on a.occurred_at >= m.effective_from and a.occurred_at < m.effective_to
                where m.admin_basis = 'perCustomerMonth'
                order by a.customer_id, date_trunc('month', a.occurred_at, 'UTC'), a.occurred_at
            ) charged
            group by customer_id
        ),
        transaction_totals as (
            select customer_id, count(*)::integer as transactions, sum(revenue) as gross_revenue, sum(allowances) as allowances,
                   sum(discounts) as discounts, sum(net_amount) as net_revenue, sum(product_cost) as product_costs,
                   sum(channel_cost) as channel_costs, sum(admin_cost) as admin_costs
            from priced_transactions group by customer_id
        ),
        interaction_totals as (
            select customer_id, count(*)::integer as interactions, sum(contact_cost) as contact_costs, sum(service_cost) as service_costs
            from priced_interactions group by customer_id
        ),
        customer_pnl as (
            select customer_id,
                   coalesce(t.transactions, 0) as transactions,
                   coalesce(i.interactions, 0) as interactions,
                   coalesce(t.gross_revenue, 0) as gross_revenue,
                   coalesce(t.allowances, 0) as allowances,
                   coalesce(t.discounts, 0) as discounts,
                   coalesce(t.net_revenue, 0) as net_revenue,
                   coalesce(t.product_costs, 0) as product_costs,
                   coalesce(t.channel_costs, 0) + coalesce(i.contact_costs, 0) as channel_costs,
                   coalesce(i.service_costs, 0) as cost_to_serve,
                   coalesce(t.admin_costs, 0) + coalesce(a.admin_cost, 0) as admin_costs
            from transaction_totals t
            full join interaction_totals i using (customer_id)
            full join month_admin a using (customer_id)
        )
        """;

    /// <summary>The P&amp;L line columns of a relation with <c>customer_pnl</c>'s columns (or sums of them), read into <see cref="PnlRow"/>.</summary>
    public const string Lines = """
        gross_revenue as GrossRevenue, allowances as AllowancesAndCredits, discounts as Discounts, net_revenue as NetRevenue,
        product_costs as ProductCosts, channel_costs as ChannelCosts, cost_to_serve as CostToServe, admin_costs as AdminCosts
        """;

    public const string SumLines = """
        coalesce(sum(gross_revenue), 0) as GrossRevenue, coalesce(sum(allowances), 0) as AllowancesAndCredits,
        coalesce(sum(discounts), 0) as Discounts, coalesce(sum(net_revenue), 0) as NetRevenue,
        coalesce(sum(product_costs), 0) as ProductCosts, coalesce(sum(channel_costs), 0) as ChannelCosts,
        coalesce(sum(cost_to_serve), 0) as CostToServe, coalesce(sum(admin_costs), 0) as AdminCosts
        """;

    /// <summary>Profit as SQL, for ordering and filtering (the reported figure is computed from the rounded lines).</summary>
    public const string Profit = "(net_revenue - product_costs - channel_costs - cost_to_serve - admin_costs)";
}
