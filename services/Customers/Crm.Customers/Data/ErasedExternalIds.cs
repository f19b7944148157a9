using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>
/// The external ids of erased customers, known only by their SHA-256 (<c>customers.erased_key</c>, kept by the
/// erasure). Imports carry old data: a file exported before the erasure would create the person again, with the
/// consents it granted then, so imports refuse these ids. A registration through the API is the person coming back
/// now, and may reuse the id.
/// </summary>
internal static class ErasedExternalIds
{
    private const string AmongSql = """
        select i from unnest(@Ids) as i where exists (select from customers where erased_key = sha256(convert_to(i, 'UTF8')))
        """;

    /// <summary>Those of <paramref name="externalIds"/> that belonged to erased customers.</summary>
    public static async Task<HashSet<string>> AmongAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        if (externalIds.Count == 0)
        {
            return [];
        }

        var erased = await connection.QueryAsync<string>(new CommandDefinition(
            AmongSql, new { Ids = externalIds.ToArray() }, transaction, cancellationToken: cancellationToken));
        return erased.ToHashSet(StringComparer.Ordinal);
    }

    public static string Problem(string externalId) =>
        $"customer '{Model.FieldRules.Shorten(externalId)}' was erased at their request; an import cannot bring them back (a customer who returns registers through the API).";
}
