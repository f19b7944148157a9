using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>The customer facts segment rules read, written inside the consumers' inbox transactions.</summary>
public sealed class CustomerFactStore
{
    private const string KnowSql = """
        insert into customer_facts (customer_id, acquisition_source, country, customer_since, attributes, updated_at)
        select c.customer_id, c.source, c.country, c.since, c.attributes::jsonb, now()
        from unnest(@CustomerIds, @Sources, @Countries, @Sinces, @Attributes) as c(customer_id, source, country, since, attributes)
        on conflict (customer_id) do update set
            acquisition_source = excluded.acquisition_source, country = excluded.country,
            customer_since = excluded.customer_since, attributes = coalesce(excluded.attributes, customer_facts.attributes),
            updated_at = excluded.updated_at
        """;

    // A change older than the one held is ignored: consent events and registrations travel in different streams.
    private const string ConsentSql = """
        insert into consents (customer_id, channel, purpose, granted, changed_at)
        select * from unnest(@CustomerIds, @Channels, @Purposes, @Granted, @ChangedAt)
        on conflict (customer_id, channel, purpose) do update set granted = excluded.granted, changed_at = excluded.changed_at
        where consents.changed_at <= excluded.changed_at
        """;

    private const string ForgetSql = """
        delete from membership_changes where customer_id = @CustomerId;
        delete from purchase_days where customer_id = @CustomerId;
        delete from purchase_channel_days where customer_id = @CustomerId;
        delete from purchase_channels where customer_id = @CustomerId;
        delete from consents where customer_id = @CustomerId;
        delete from customer_facts where customer_id = @CustomerId;
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

    public Task ForgetAsync(NpgsqlTransaction transaction, Guid customerId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(ForgetSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
}
