using Crm.Customers.Model;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>Reads a customer's transactions, newest first, page by page.</summary>
public sealed class TransactionQueries(NpgsqlDataSource dataSource)
{
    private const string SelectOneSql = $"{TransactionRow.Select} where t.customer_id = @CustomerId and t.id = @Id";

    // Ids are UUIDv7, so ordering by id descending is newest-recorded first and a stable keyset.
    private const string SelectPageSql = $"""
        {TransactionRow.Select}
        where t.customer_id = @CustomerId and (@After::uuid is null or t.id < @After)
        order by t.id desc limit @Take
        """;

    public async Task<Transaction?> FindAsync(Guid customerId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            SelectOneSql, new { CustomerId = customerId, Id = id }, cancellationToken: cancellationToken));
        return row is null ? null : (await WithLinesAsync(connection, [row], cancellationToken))[0];
    }

    public async Task<Page<Transaction>> ListAsync(Guid customerId, int limit, Guid? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TransactionRow>(new CommandDefinition(
            SelectPageSql, new { CustomerId = customerId, After = after, Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        // Lines are read for the kept rows only; the extra row just says whether a next page exists.
        var page = Page.Of(rows, limit, row => row.Id);
        return new Page<Transaction>(await WithLinesAsync(connection, [.. page.Items], cancellationToken), page.Next);
    }

    private static async Task<List<Transaction>> WithLinesAsync(NpgsqlConnection connection, List<TransactionRow> rows, CancellationToken cancellationToken)
    {
        var lines = (await connection.QueryAsync<TransactionLineRow>(new CommandDefinition(
                TransactionRow.SelectLines, new { Ids = rows.Select(row => row.Id).ToArray() }, cancellationToken: cancellationToken)))
            .ToLookup(line => line.TransactionId);
        return [.. rows.Select(row => row.ToTransaction([.. lines[row.Id].Select(line => line.ToLine())]))];
    }
}
