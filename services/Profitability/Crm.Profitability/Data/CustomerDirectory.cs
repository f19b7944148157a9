using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>
/// The little profitability keeps about each customer (acquisition source, for roll-ups), and forgetting a customer
/// when they are erased.
/// </summary>
public sealed class CustomerDirectory
{
    // An import batch may name a customer erased before it arrived (it travels in the import's stream): they stay gone.
    private const string UpsertSql = """
        insert into customers (customer_id, acquisition_source, registered_at)
        select * from unnest(@CustomerIds, @Sources, @RegisteredAts) as c(customer_id, acquisition_source, registered_at)
        where not exists (select from erased_customers e where e.customer_id = c.customer_id)
        on conflict (customer_id) do update set acquisition_source = excluded.acquisition_source
        """;

    // The erased customer's transactions stay in the totals under an anonymous id (the customers service keeps its
    // books the same way); everything that tied them to the person goes. The id is kept, alone, so that late events
    // about them are turned away; the anonymous id too, so that no scoring run values or announces a customer nobody is.
    private const string ForgetSql = """
        update transaction_facts set customer_id = @AnonymousId where customer_id = @CustomerId;
        delete from interaction_facts where customer_id = @CustomerId;
        delete from customer_values where customer_id = @CustomerId;
        delete from segment_memberships where customer_id = @CustomerId;
        delete from customers where customer_id = @CustomerId;
        insert into erased_customers (customer_id, erased_at) values (@CustomerId, @ErasedAt), (@AnonymousId, @ErasedAt) on conflict do nothing;
        """;

    public Task KnowAsync(NpgsqlTransaction transaction, IReadOnlyList<(Guid CustomerId, string? AcquisitionSource, DateTimeOffset RegisteredAt)> customers, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            CustomerIds = customers.Select(c => c.CustomerId).ToArray(),
            Sources = customers.Select(c => c.AcquisitionSource).ToArray(),
            RegisteredAts = customers.Select(c => c.RegisteredAt.UtcDateTime).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    public Task ForgetAsync(NpgsqlTransaction transaction, Guid customerId, DateTimeOffset erasedAt, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            ForgetSql, new { CustomerId = customerId, AnonymousId = Guid.NewGuid(), ErasedAt = erasedAt.UtcDateTime }, transaction, cancellationToken: cancellationToken));
}
