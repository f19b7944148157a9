using Crm.Contracts.Customers;
using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>
/// Writes the facts the customers service reports, inside the consumer's inbox transaction. Every write is keyed on
/// the customers service's ids, so even a fact reaching us twice by another path is stored once.
/// </summary>
public sealed class FactStore
{
    // Returns take money back: their amounts are stored negated, so every P&L is a plain sum. A sale of a customer
    // erased before it arrived (imports travel in their own stream) is stored under an anonymous id, as erasure leaves
    // their earlier sales: totals come out the same whichever arrives first, and nothing points at the person.
    // The anonymous id is recorded as erased as well, as at erasure: no scoring run values a customer nobody is.
    private const string InsertTransactionsSql = """
        with anonymous as (
            select customer_id, gen_random_uuid() as anonymous_id from erased_customers where customer_id = any(@CustomerIds)
        ),
        recorded_as_erased as (
            insert into erased_customers (customer_id, erased_at) select anonymous_id, now() from anonymous
        )
        insert into transaction_facts (transaction_id, customer_id, occurred_at, channel, currency, kind,
                                       revenue, discounts, allowances, net_amount, product_cost, reversed)
        select t.transaction_id, coalesce(a.anonymous_id, t.customer_id), t.occurred_at, t.channel, t.currency, t.kind,
               t.revenue, t.discounts, t.allowances, t.net_amount, t.product_cost, r.transaction_id is not null
        from unnest(@Ids, @CustomerIds, @OccurredAts, @Channels, @Currencies, @Kinds,
                    @Revenues, @Discounts, @Allowances, @NetAmounts, @ProductCosts)
             as t(transaction_id, customer_id, occurred_at, channel, currency, kind, revenue, discounts, allowances, net_amount, product_cost)
        left join anonymous a on a.customer_id = t.customer_id
        left join transaction_reversals r using (transaction_id)
        on conflict (transaction_id) do nothing
        """;

    private const string ReverseSql = """
        insert into transaction_reversals (transaction_id, reversed_at) values (@TransactionId, @ReversedAt) on conflict do nothing;
        update transaction_facts set reversed = true where transaction_id = @TransactionId;
        """;

    // Erasure deletes a customer's interactions, so one arriving after it (in an import's batch) is dropped too.
    private const string InsertInteractionsSql = """
        insert into interaction_facts (interaction_id, customer_id, occurred_at, channel, type, cost_to_serve, currency)
        select * from unnest(@Ids, @CustomerIds, @OccurredAts, @Channels, @Types, @Costs, @Currencies)
             as i(interaction_id, customer_id, occurred_at, channel, type, cost_to_serve, currency)
        where not exists (select from erased_customers e where e.customer_id = i.customer_id)
        on conflict (interaction_id) do nothing
        """;

    public Task RecordTransactionsAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedTransaction> recorded, CancellationToken cancellationToken)
    {
        var signs = recorded.Select(t => t.Kind == TransactionKinds.Return ? -1m : 1m).ToArray();
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertTransactionsSql, new
        {
            Ids = recorded.Select(t => t.TransactionId).ToArray(),
            CustomerIds = recorded.Select(t => t.CustomerId).ToArray(),
            OccurredAts = recorded.Select(t => t.OccurredAt.UtcDateTime).ToArray(),
            Channels = recorded.Select(t => t.Channel).ToArray(),
            Currencies = recorded.Select(t => t.Currency).ToArray(),
            Kinds = recorded.Select(t => t.Kind).ToArray(),
            Revenues = recorded.Select((t, i) => signs[i] * t.Revenue).ToArray(),
            Discounts = recorded.Select((t, i) => signs[i] * t.Discounts).ToArray(),
            Allowances = recorded.Select((t, i) => signs[i] * t.Allowances).ToArray(),
            NetAmounts = recorded.Select((t, i) => signs[i] * t.NetAmount).ToArray(),
            ProductCosts = recorded.Select((t, i) => signs[i] * t.ProductCost).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    public Task ReverseAsync(NpgsqlTransaction transaction, TransactionReversed reversal, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            ReverseSql, new { reversal.TransactionId, ReversedAt = reversal.OccurredAt.UtcDateTime }, transaction, cancellationToken: cancellationToken));

    public Task RecordInteractionsAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedInteraction> recorded, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertInteractionsSql, new
        {
            Ids = recorded.Select(i => i.InteractionId).ToArray(),
            CustomerIds = recorded.Select(i => i.CustomerId).ToArray(),
            OccurredAts = recorded.Select(i => i.OccurredAt.UtcDateTime).ToArray(),
            Channels = recorded.Select(i => i.Channel).ToArray(),
            Types = recorded.Select(i => i.Type).ToArray(),
            Costs = recorded.Select(i => i.CostToServe).ToArray(),
            Currencies = recorded.Select(i => i.Currency).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
}
