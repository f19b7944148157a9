using System.Text.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Customers.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Customers.Imports;

/// <summary>
/// Writes a batch of checked customers: skips external ids registered already with the same profile, rejects those
/// registered with a different one (as the API answers 409), copies the new ones (and the consents the file grants,
/// with their audit trail), and enqueues CustomersRegistered events of up to 1,000.
/// </summary>
internal sealed class CustomerWriter(NpgsqlDataSource dataSource, Outbox outbox)
{
    private const string SourcesSql = "select code from acquisition_sources where active";

    private const string ExistingSql = $"select {CustomerRow.Columns} from customers where external_id = any(@Ids)";

    private const string CopyCustomersSql = """
        copy customers (id, external_id, name, email, phone, postal_address, birth_date, household_size, country, region,
            acquisition_source, acquisition_note, attributes, customer_since, version, created_at, updated_at)
        from stdin (format binary)
        """;

    private const string CopyConsentsSql = """
        copy consents (customer_id, channel, purpose, granted, basis, source, changed_at) from stdin (format binary)
        """;

    private const string CopyConsentChangesSql = """
        copy consent_changes (customer_id, channel, purpose, granted, basis, source, changed_at, recorded_at) from stdin (format binary)
        """;

    private const string ConsentBasis = "consent";
    private const string ConsentSource = "import";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlySet<string>> AcquisitionSourcesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var codes = await connection.QueryAsync<string>(new CommandDefinition(SourcesSql, cancellationToken: cancellationToken));
        return codes.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<BatchOutcome> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch<ImportedCustomer> batch, ImportContext context,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = batch.Items.Select(c => c.Profile.ExternalId!).Distinct(StringComparer.Ordinal).ToArray();
        var registered = (await connection.QueryAsync<CustomerRow>(new CommandDefinition(ExistingSql, new { Ids = ids }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.ExternalId, row => CustomerDifferences.Registered(row.ToCustomer()), StringComparer.Ordinal);
        var erased = await ErasedExternalIds.AmongAsync(connection, transaction, [.. ids.Where(id => !registered.ContainsKey(id))], cancellationToken);
        var created = new List<(Guid Id, ImportedCustomer Customer)>();
        var errors = new List<ImportRowError>();
        foreach (var customer in batch.Items)
        {
            var externalId = customer.Profile.ExternalId!;
            if (erased.Contains(externalId))
            {
                errors.Add(new ImportRowError(customer.Line, ImportFields.Name("externalId", context.IsCsv), ErasedExternalIds.Problem(externalId)));
            }
            else if (registered.TryGetValue(externalId, out var existing))
            {
                // Registered before, or earlier in this file: the same profile again is a re-import and changes nothing.
                if (CustomerDifferences.Between(existing, customer.Profile) is { Count: > 0 } differences)
                {
                    errors.Add(new ImportRowError(customer.Line, ImportFields.Name("externalId", context.IsCsv),
                        $"'{Model.FieldRules.Shorten(externalId)}' is recorded already with different content ({string.Join(", ", differences.Select(field => ImportFields.Name(field, context.IsCsv)))})."));
                }
            }
            else
            {
                created.Add((Guid.CreateVersion7(now), customer));
                registered[externalId] = CustomerDifferences.Registered(customer.Profile, context.Today);
            }
        }

        if (created.Count > 0)
        {
            await CopyAsync(connection, created, context.Today, now, cancellationToken);
            var events = created
                .Select(c => Registered(c.Id, c.Customer, context.Today, now))
                .Chunk(TransactionWriter.EventSize)
                .Select(chunk => (IIntegrationEvent)new CustomersRegistered(Guid.CreateVersion7(now), now, context.JobId, chunk))
                .ToList();
            await outbox.EnqueueAsync(transaction, events, cancellationToken);
        }

        return new BatchOutcome(created.Count, batch.Items.Count - created.Count - errors.Count, errors.Count, errors);
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, List<(Guid Id, ImportedCustomer Customer)> created, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var importer = await connection.BeginBinaryImportAsync(CopyCustomersSql, cancellationToken))
        {
            foreach (var (id, customer) in created)
            {
                var profile = customer.Profile;
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(profile.ExternalId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.Email, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.Phone, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.PostalAddress is null ? null : JsonSerializer.Serialize(profile.PostalAddress, Json), NpgsqlDbType.Jsonb, cancellationToken);
                await WriteNullableAsync(importer, profile.BirthDate, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(importer, profile.HouseholdSize, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(profile.Country, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.Region, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.AcquisitionSource, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.AcquisitionNote, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(profile.Attributes is { ValueKind: JsonValueKind.Object } attributes ? attributes.GetRawText() : "{}", NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(profile.CustomerSince ?? today, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        var consents = created.SelectMany(c => c.Customer.Consents.Select(consent => (c.Id, consent, ChangedAt: ChangedAt(c.Customer, now)))).ToList();
        if (consents.Count == 0)
        {
            return;
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopyConsentsSql, cancellationToken))
        {
            foreach (var (id, consent, changedAt) in consents)
            {
                await importer.StartRowAsync(cancellationToken);
                await WriteConsentAsync(importer, id, consent, changedAt, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopyConsentChangesSql, cancellationToken))
        {
            foreach (var (id, consent, changedAt) in consents)
            {
                await importer.StartRowAsync(cancellationToken);
                await WriteConsentAsync(importer, id, consent, changedAt, cancellationToken);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The customer as other services learn of it, with the attributes and consents the file gave: segment rules on
    /// either must match an imported customer as they match one registered through the API.
    /// </summary>
    private static CustomerRegistered Registered(Guid id, ImportedCustomer customer, DateOnly today, DateTimeOffset now)
    {
        var profile = customer.Profile;
        var changedAt = ChangedAt(customer, now);
        return new CustomerRegistered(
            Guid.CreateVersion7(now), now, id, profile.ExternalId!, profile.Name!, profile.Email, profile.CustomerSince ?? today, profile.Country,
            profile.AcquisitionSource, profile.Attributes is { ValueKind: JsonValueKind.Object } attributes ? attributes : null,
            [.. customer.Consents.Select(consent => new ConsentGrant(consent.Channel, consent.Purpose, ConsentBasis, ConsentSource, changedAt))]);
    }

    /// <summary>The file does not say when consent was given: the start of the relationship is the best it knows.</summary>
    private static DateTimeOffset ChangedAt(ImportedCustomer customer, DateTimeOffset now) =>
        customer.Profile.CustomerSince is { } since ? new DateTimeOffset(since, TimeOnly.MinValue, TimeSpan.Zero) : now;

    private static async Task WriteConsentAsync(NpgsqlBinaryImporter importer, Guid customerId, GrantedConsent consent, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(customerId, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteAsync(consent.Channel, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(consent.Purpose, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
        await importer.WriteAsync(ConsentBasis, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(ConsentSource, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(changedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } present ? importer.WriteAsync(present, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
