using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>
/// Forgets a customer (GDPR erasure): personal fields are cleared and the external id replaced (its hash kept, so an
/// import of an old file cannot bring the person back); interactions, current consents and the events about them in
/// the outbox are deleted, and <see cref="CustomerErased"/> tells every other service to forget them too.
/// Transactions stay, now anonymous, because the books must; the consent trail stays as proof of what was allowed.
/// </summary>
public sealed class CustomerErasure(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    private const string LockSql = "select erased_at from customers where id = @Id for update";

    private const string AnonymiseSql = $$"""
        update customers set erased_key = sha256(convert_to(external_id, 'UTF8')), external_id = '{{CustomerRules.ErasedExternalIdPrefix}}' || id,
            name = 'Erased customer', email = null, phone = null, postal_address = null, birth_date = null, household_size = null,
            region = null, acquisition_note = null, attributes = '{}', erased_at = @Now, updated_at = @Now, version = version + 1
        where id = @Id;
        delete from consents where customer_id = @Id;
        delete from interactions where customer_id = @Id;
        """;

    // The outbox keeps events for a week after they are sent (Messaging:Outbox:Retention), and those about a customer
    // carry their name, email and profile. The person's own events go, sent or not: the CustomerErased enqueued next
    // makes every service forget whatever reached it. Import batches name many customers: the person leaves them.
    private const string ForgetEventsSql = """
        delete from outbox where partition_key = @Id::text;
        update outbox set payload = jsonb_set(payload::jsonb, '{customers}',
            (select coalesce(jsonb_agg(c order by n), '[]') from jsonb_array_elements(payload::jsonb->'customers') with ordinality as e(c, n)
             where c->>'customerId' <> @Id::text))::text
        where message_type like 'Crm.Contracts.Customers.CustomersRegistered,%' and payload like '%' || @Id::text || '%';
        """;

    /// <summary>Erases the customer; returns when they were erased (the first time), or null if there is no such customer.</summary>
    public async Task<DateTimeOffset?> EraseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<ErasureState>(new CommandDefinition(
            LockSql, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (found is null)
        {
            return null;
        }

        if (found.ErasedAt is { } earlier)
        {
            return earlier;
        }

        // Read once the row is locked: whatever was recorded about the customer before is then older than this.
        var now = clock.GetStoredUtcNow();

        await connection.ExecuteAsync(new CommandDefinition(AnonymiseSql + ForgetEventsSql, new { Id = id, Now = now }, transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(transaction, new CustomerErased(Guid.CreateVersion7(now), now, id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    private sealed class ErasureState
    {
        public DateTimeOffset? ErasedAt { get; init; }
    }
}
