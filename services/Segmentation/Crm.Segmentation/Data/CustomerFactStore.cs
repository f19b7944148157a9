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

    private const string ConsentSql = """
        insert into consents (customer_id, channel, purpose, granted, changed_at)
        values (@CustomerId, @Channel, @Purpose, @Granted, @ChangedAt)
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

    public Task RecordConsentAsync(NpgsqlTransaction transaction, Guid customerId, string channel, string purpose, bool granted, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(ConsentSql, new
        {
            CustomerId = customerId,
            Channel = channel,
            Purpose = purpose,
            Granted = granted,
            ChangedAt = changedAt.UtcDateTime,
        }, transaction, cancellationToken: cancellationToken));

    public Task ForgetAsync(NpgsqlTransaction transaction, Guid customerId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(ForgetSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
}
