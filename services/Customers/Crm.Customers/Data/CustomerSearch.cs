using System.Globalization;
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
    // One fragment per attribute, numbered; a value that reads as a JSON literal (true, 44) also matches that literal.
    private const string AttributeFilter = " and attributes @> @Attribute{0}::jsonb";
    private const string AttributeOrLiteralFilter = " and (attributes @> @Attribute{0}::jsonb or attributes @> @AttributeLiteral{0}::jsonb)";
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

        var attributeParameters = new DynamicParameters();
        var index = 0;
        foreach (var (key, value) in query.Attributes)
        {
            attributeParameters.Add($"Attribute{index}", JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));
            if (JsonLiteral(value) is { } literal)
            {
                attributeParameters.Add($"AttributeLiteral{index}", JsonSerializer.Serialize(new Dictionary<string, JsonElement> { [key] = literal }));
                sql.AppendFormat(CultureInfo.InvariantCulture, AttributeOrLiteralFilter, index);
            }
            else
            {
                sql.AppendFormat(CultureInfo.InvariantCulture, AttributeFilter, index);
            }

            index++;
        }

        if (query.After is not null)
        {
            sql.Append(AfterFilter);
        }

        sql.Append(OrderAndLimit);
        var parameters = new DynamicParameters(new
        {
            Pattern = query.Text is null ? null : $"%{EscapeLike(query.Text.ToLowerInvariant())}%",
            query.AcquisitionSource,
            query.CreatedFrom,
            query.CreatedTo,
            query.After,
            Take = query.Limit + 1,
        });
        parameters.AddDynamicParams(attributeParameters);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CustomerRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        return Page.Of([.. rows.Select(row => row.ToCustomer())], query.Limit, customer => customer.Id);
    }

    /// <summary>The value as JSON when its text is exactly a literal a filter can mean (true, false, null or a number).</summary>
    private static JsonElement? JsonLiteral(string value)
    {
        if (value.Length == 0 || value.Trim().Length != value.Length)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Number
                ? document.RootElement.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
