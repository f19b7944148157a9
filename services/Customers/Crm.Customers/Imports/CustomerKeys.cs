using Crm.Customers.Data;
using Dapper;
using Npgsql;

namespace Crm.Customers.Imports;

/// <summary>Resolves the customer external ids of a batch to customers with one query.</summary>
internal static class CustomerKeys
{
    private const string SelectSql = """
        select external_id as ExternalId, id, erased_at is not null as Erased from customers where external_id = any(@Ids)
        """;

    public static async Task<Dictionary<string, CustomerKey>> ResolveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> externalIds, CancellationToken cancellationToken)
    {
        var ids = externalIds.Distinct(StringComparer.Ordinal).ToArray();
        var found = await connection.QueryAsync<CustomerKey>(new CommandDefinition(SelectSql, new { Ids = ids }, transaction, cancellationToken: cancellationToken));
        var customers = found.ToDictionary(customer => customer.ExternalId, StringComparer.Ordinal);
        if (customers.Count < ids.Length)
        {
            // An erased customer's id was replaced; the rows naming the id they had are told so, not "unknown".
            var unknown = ids.Where(id => !customers.ContainsKey(id)).ToList();
            foreach (var erased in await ErasedExternalIds.AmongAsync(connection, transaction, unknown, cancellationToken))
            {
                customers[erased] = new CustomerKey(erased, Guid.Empty, Erased: true);
            }
        }

        return customers;
    }

    /// <summary>The rejection of a row whose customer is unknown or erased, or null when the customer can take it.</summary>
    public static string? Problem(string externalId, CustomerKey? customer) => customer switch
    {
        null => $"no customer has the external id '{Crm.Customers.Model.FieldRules.Shorten(externalId)}'.",
        { Erased: true } => $"customer '{Crm.Customers.Model.FieldRules.Shorten(externalId)}' has been erased; nothing more can be recorded about them.",
        _ => null,
    };
}
