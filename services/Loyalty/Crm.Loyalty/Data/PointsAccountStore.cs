using Crm.Loyalty.Model;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

public sealed class PointsAccountStore(NpgsqlDataSource dataSource)
{
    private const string OpenSql = """
        insert into points_accounts (customer_id, opened_at) values (@CustomerId, @OpenedAt)
        """;

    private const string OpenManySql = """
        insert into points_accounts (customer_id, opened_at) select * from unnest(@CustomerIds, @OpenedAts)
        """;

    private const string ForgetSql = "delete from points_accounts where customer_id = @CustomerId";

    private const string SelectSql = """
        select customer_id as CustomerId, opened_at as OpenedAt, balance from points_accounts where customer_id = @CustomerId
        """;

    /// <summary>Opens the account inside the caller's (inbox) transaction; a second open for one customer is an error, not a no-op.</summary>
    public Task OpenAsync(NpgsqlTransaction transaction, Guid customerId, DateTimeOffset openedAt, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            OpenSql, new { CustomerId = customerId, OpenedAt = openedAt }, transaction, cancellationToken: cancellationToken));

    /// <summary>Opens the accounts of a batch of imported customers in one statement.</summary>
    public Task OpenManyAsync(NpgsqlTransaction transaction, IReadOnlyList<(Guid CustomerId, DateTimeOffset OpenedAt)> accounts, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            OpenManySql,
            new { CustomerIds = accounts.Select(a => a.CustomerId).ToArray(), OpenedAts = accounts.Select(a => a.OpenedAt.UtcDateTime).ToArray() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Removes what loyalty holds about an erased customer.</summary>
    public Task ForgetAsync(NpgsqlTransaction transaction, Guid customerId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(ForgetSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));

    public async Task<PointsAccount?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PointsAccount>(new CommandDefinition(
            SelectSql, new { CustomerId = customerId }, cancellationToken: cancellationToken));
    }
}
