using Crm.Customers.Model;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>
/// Takes a shared lock on a customer row before recording something about them: an erasure (which locks the row
/// exclusively) waits for postings in flight, and postings after it see that the customer is gone.
/// </summary>
internal static class CustomerLock
{
    private const string LockSql = "select erased_at is not null from customers where id = @CustomerId for share";

    public static async Task<CustomerState> AcquireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid customerId, CancellationToken cancellationToken)
    {
        var erased = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            LockSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        return erased switch
        {
            null => CustomerState.Missing,
            true => CustomerState.Erased,
            false => CustomerState.Active,
        };
    }
}
