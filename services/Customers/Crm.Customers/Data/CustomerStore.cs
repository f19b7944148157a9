using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>Stores customer profiles; every change commits together with the event that announces it.</summary>
public sealed class CustomerStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    private const string InsertSql = $"""
        insert into customers (id, external_id, name, email, phone, postal_address, birth_date, household_size, country,
            region, acquisition_source, acquisition_note, attributes, customer_since, version, created_at, updated_at)
        values (@Id, @ExternalId, @Name, @Email, @Phone, @PostalAddress::jsonb, @BirthDate, @HouseholdSize, @Country,
            @Region, @AcquisitionSource, @AcquisitionNote, @Attributes::jsonb, @CustomerSince, 1, @Now, @Now)
        on conflict (external_id) do nothing
        returning {CustomerRow.Columns}
        """;

    private const string SelectByIdSql = $"select {CustomerRow.Columns} from customers where id = @Id";

    private const string SelectByExternalIdSql = $"select {CustomerRow.Columns} from customers where external_id = @ExternalId";

    private const string UpdateSql = $"""
        update customers set name = @Name, email = @Email, phone = @Phone, postal_address = @PostalAddress::jsonb,
            birth_date = @BirthDate, household_size = @HouseholdSize, country = @Country, region = @Region,
            acquisition_source = @AcquisitionSource, acquisition_note = @AcquisitionNote, attributes = @Attributes::jsonb,
            customer_since = @CustomerSince, version = version + 1, updated_at = @Now
        where id = @Id and version = @ExpectedVersion and erased_at is null
        returning {CustomerRow.Columns}
        """;

    /// <summary>
    /// Stores a new customer and its <see cref="CustomerRegistered"/> event in one transaction. When the external id
    /// is taken, nothing is stored and the id of the customer holding it is returned instead.
    /// </summary>
    public async Task<(Customer? Created, Guid? ExistingId)> RegisterAsync(RegisterCustomer request, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var id = Guid.CreateVersion7(now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(
            InsertSql, Parameters(id, request, now), transaction, cancellationToken: cancellationToken));
        if (inserted is null)
        {
            var existing = await connection.QuerySingleAsync<CustomerRow>(new CommandDefinition(
                SelectByExternalIdSql, new { request.ExternalId }, transaction, cancellationToken: cancellationToken));
            return (null, existing.Id);
        }

        var customer = inserted.ToCustomer();
        await outbox.EnqueueAsync(transaction, Registered(customer, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (customer, null);
    }

    public async Task<Customer?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(SelectByIdSql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToCustomer();
    }

    public async Task<Customer?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(
            SelectByExternalIdSql, new { ExternalId = externalId }, cancellationToken: cancellationToken));
        return row?.ToCustomer();
    }

    /// <summary>
    /// Replaces the profile with <paramref name="changed"/> if the stored version is still
    /// <paramref name="expectedVersion"/>; returns the stored customer, or null when someone else changed it first.
    /// </summary>
    public async Task<Customer?> UpdateAsync(Customer changed, int expectedVersion, IReadOnlyList<string> changedFields, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var profile = ToRegistration(changed);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = Parameters(changed.Id, profile, now);
        parameters.Add("ExpectedVersion", expectedVersion);
        var updated = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(
            UpdateSql, parameters, transaction, cancellationToken: cancellationToken));
        if (updated is null)
        {
            return null;
        }

        var customer = updated.ToCustomer();
        await outbox.EnqueueAsync(
            transaction,
            new CustomerProfileUpdated(Guid.CreateVersion7(now), now, customer.Id, customer.Version, changedFields, customer.ToProfile()),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return customer;
    }

    public static CustomerRegistered Registered(Customer customer, DateTimeOffset now) => new(
        Guid.CreateVersion7(now), now, customer.Id, customer.ExternalId, customer.Name, customer.Email,
        customer.CustomerSince, customer.Country, customer.AcquisitionSource, customer.Attributes);

    public static RegisterCustomer ToRegistration(Customer customer) => new(
        customer.ExternalId, customer.Name, customer.Email, customer.Phone, customer.PostalAddress, customer.BirthDate,
        customer.HouseholdSize, customer.Country, customer.Region, customer.AcquisitionSource, customer.AcquisitionNote,
        customer.Attributes, customer.CustomerSince);

    private static DynamicParameters Parameters(Guid id, RegisterCustomer profile, DateTimeOffset now)
    {
        var parameters = new DynamicParameters(new
        {
            Id = id,
            profile.ExternalId,
            profile.Name,
            profile.Email,
            profile.Phone,
            PostalAddress = Json.Serialize(profile.PostalAddress),
            BirthDate = profile.BirthDate?.ToDateTime(TimeOnly.MinValue),
            profile.HouseholdSize,
            profile.Country,
            profile.Region,
            profile.AcquisitionSource,
            profile.AcquisitionNote,
            Attributes = profile.Attributes is { ValueKind: System.Text.Json.JsonValueKind.Object } attributes ? attributes.GetRawText() : "{}",
            CustomerSince = (profile.CustomerSince ?? DateOnly.FromDateTime(now.UtcDateTime)).ToDateTime(TimeOnly.MinValue),
            Now = now,
        });
        return parameters;
    }
}
