using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

public sealed class CustomerStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    private const string InsertSql = """
        insert into customers (id, external_id, name, email, created_at, updated_at)
        values (@Id, @ExternalId, @Name, @Email, @CreatedAt, @UpdatedAt)
        on conflict (external_id) do nothing
        """;

    private const string SelectByIdSql = """
        select id, external_id as ExternalId, name, email, created_at as CreatedAt, updated_at as UpdatedAt
        from customers where id = @Id
        """;

    private const string SelectIdByExternalIdSql = "select id from customers where external_id = @ExternalId";

    /// <summary>
    /// Stores a new customer and its <see cref="CustomerRegistered"/> event in one transaction. Returns null when
    /// the external id is taken, with the id of the customer who holds it.
    /// </summary>
    public async Task<(Customer? Created, Guid? ExistingId)> RegisterAsync(RegisterCustomer request, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var customer = new Customer(Guid.CreateVersion7(now), request.ExternalId, request.Name, request.Email, now, now);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql, customer, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            var existing = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
                SelectIdByExternalIdSql, new { request.ExternalId }, transaction, cancellationToken: cancellationToken));
            return (null, existing);
        }

        await outbox.EnqueueAsync(
            transaction,
            new CustomerRegistered(Guid.CreateVersion7(now), now, customer.Id, customer.ExternalId, customer.Name, customer.Email),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (customer, null);
    }

    public async Task<Customer?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Customer>(new CommandDefinition(SelectByIdSql, new { Id = id }, cancellationToken: cancellationToken));
    }
}
