using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>The customer facts segment rules read, written inside the consumers' inbox transactions.</summary>
public sealed class CustomerFactStore
{
    // An import's registrations travel in the import's stream and can arrive after the customer was erased.
    private const string KnowSql = """
        insert into customer_facts (customer_id, acquisition_source, country, customer_since, attributes, updated_at)
        select c.customer_id, c.source, c.country, c.since, c.attributes::jsonb, now()
        from unnest(@CustomerIds, @Sources, @Countries, @Sinces, @Attributes) as c(customer_id, source, country, since, attributes)
        where not exists (select from erased_customers e where e.customer_id = c.customer_id)
        on conflict (customer_id) do update set
            acquisition_source = excluded.acquisition_source, country = excluded.country,
            customer_since = excluded.customer_since, attributes = coalesce(excluded.attributes, customer_facts.attributes),
            updated_at = excluded.updated_at
        """;

    // Registrations, consent changes and erasure travel in different streams: an erased customer's rows are not
    // brought back (table erased_customers), and a change older than the one held is ignored.
    private const string ConsentSql = """
        insert into consents (customer_id, channel, purpose, granted, changed_at)
        select * from unnest(@CustomerIds, @Channels, @Purposes, @Granted, @ChangedAt) as c(customer_id, channel, purpose, granted, changed_at)
        where not exists (select from erased_customers e where e.customer_id = c.customer_id)
        on conflict (customer_id, channel, purpose) do update set granted = excluded.granted, changed_at = excluded.changed_at
        where consents.changed_at <= excluded.changed_at
        """;

    private const string ForgetSql = """
        delete from membership_changes where customer_id = @CustomerId;
        delete from recorded_transactions where customer_id = @CustomerId;
        delete from purchase_days where customer_id = @CustomerId;
        delete from purchase_channel_days where customer_id = @CustomerId;
        delete from purchase_channels where customer_id = @CustomerId;
        delete from consents where customer_id = @CustomerId;
        delete from customer_facts where customer_id = @CustomerId;
        insert into erased_customers (customer_id, erased_at) values (@CustomerId, now()) on conflict do nothing;
        """;

    public Task KnowAsync(NpgsqlTransaction transaction, IReadOnlyList<KnownCustomer> customers, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(KnowSql, new
        {
            CustomerIds = customers.Select(c => c.CustomerId).ToArray(),
            Sources = customers.Select(c => c.AcquisitionSource).ToArray(),
            Countries = customers.Select(c => c.Country).ToArray(),
            Sinces = customers.Select(c => c.CustomerSince).ToArray(),
            Attributes = customers.Select(c => c.Attributes).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    public Task RecordConsentsAsync(NpgsqlTransaction transaction, IReadOnlyList<ConsentFact> consents, CancellationToken cancellationToken) =>
        consents.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(ConsentSql, new
            {
                CustomerIds = consents.Select(c => c.CustomerId).ToArray(),
                Channels = consents.Select(c => c.Channel).ToArray(),
                Purposes = consents.Select(c => c.Purpose).ToArray(),
                Granted = consents.Select(c => c.Granted).ToArray(),
                ChangedAt = consents.Select(c => c.ChangedAt.UtcDateTime).ToArray(),
            }, transaction, cancellationToken: cancellationToken));

    /// <summary>Deletes what is held about the customer and records them as erased, so late events about them are ignored.</summary>
    public Task ForgetAsync(NpgsqlTransaction transaction, Guid customerId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(ForgetSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
}
