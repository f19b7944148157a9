using System.Text;
using System.Text.Json;
using Crm.Customers.Model;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>Finds customers page by page, ordered by id (ids are time-ordered UUIDv7, so pages follow creation).</summary>
public sealed class CustomerSearch(NpgsqlDataSource dataSource)
{
    private const string Select = $"select {CustomerRow.Columns} from customers where erased_at is null";

    // Each filter is a fixed fragment with a parameter; only the choice of fragments depends on the query.
    private const string TextFilter = " and (lower(name) like @Pattern escape '\\' or lower(email) like @Pattern escape '\\')";
    private const string SourceFilter = " and acquisition_source = @AcquisitionSource";
    private const string CreatedFromFilter = " and created_at >= @CreatedFrom";
    private const string CreatedToFilter = " and created_at < @CreatedTo";
    private const string AttributesFilter = " and attributes @> @Attributes::jsonb";
    private const string AfterFilter = " and id > @After";
    private const string OrderAndLimit = " order by id limit @Take";

    public async Task<Page<Customer>> SearchAsync(CustomerQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(Select);
        if (query.Text is not null)
        {
            sql.Append(TextFilter);
        }

        if (query.AcquisitionSource is not null)
        {
            sql.Append(SourceFilter);
        }

        if (query.CreatedFrom is not null)
        {
            sql.Append(CreatedFromFilter);
        }

        if (query.CreatedTo is not null)
        {
            sql.Append(CreatedToFilter);
        }

        if (query.Attributes.Count > 0)
        {
            sql.Append(AttributesFilter);
        }

        if (query.After is not null)
        {
            sql.Append(AfterFilter);
        }

        sql.Append(OrderAndLimit);
        var parameters = new
        {
            Pattern = query.Text is null ? null : $"%{EscapeLike(query.Text.ToLowerInvariant())}%",
            query.AcquisitionSource,
            query.CreatedFrom,
            query.CreatedTo,
            Attributes = JsonSerializer.Serialize(query.Attributes),
            query.After,
            Take = query.Limit + 1,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CustomerRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        return Page.Of([.. rows.Select(row => row.ToCustomer())], query.Limit, customer => customer.Id);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
