using Dapper;
using Npgsql;

namespace Crm.Customers.Imports;

/// <summary>
/// The customers one transactions import has resolved so far, so that each batch looks up only those it names for the
/// first time: a file names the same customers again and again (a million lines of 20,000 customers were about 400,000
/// look-ups, a batch at a time). An external id changes only when its customer is erased, so an erasure committed
/// since the batch before empties the memory: an erased customer is never taken from it. At most
/// <see cref="Capacity"/> customers are kept, so a file of millions of customers keeps memory flat.
/// </summary>
internal sealed class KnownCustomers
{
    public const int Capacity = 100_000;

    // Erasure sets erased_key, which has a partial index: counting is an index-only scan of the erased alone.
    private const string ErasuresSql = "select count(*) from customers where erased_key is not null";

    private readonly Dictionary<string, CustomerKey> _known = new(StringComparer.Ordinal);
    private long? _erasures;

    public async Task<Dictionary<string, CustomerKey>> ResolveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> externalIds, CancellationToken cancellationToken)
    {
        var erasures = await connection.ExecuteScalarAsync<long>(new CommandDefinition(ErasuresSql, transaction: transaction, cancellationToken: cancellationToken));
        if (erasures != _erasures)
        {
            _known.Clear();
            _erasures = erasures;
        }

        var resolved = new Dictionary<string, CustomerKey>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var externalId in externalIds)
        {
            if (_known.TryGetValue(externalId, out var known))
            {
                resolved[externalId] = known;
            }
            else if (!resolved.ContainsKey(externalId))
            {
                unknown.Add(externalId);
            }
        }

        if (unknown.Count > 0)
        {
            foreach (var (externalId, customer) in await CustomerKeys.ResolveAsync(connection, transaction, unknown, cancellationToken))
            {
                resolved[externalId] = customer;
                if (!customer.Erased && _known.Count < Capacity)
                {
                    _known[externalId] = customer;
                }
            }
        }

        return resolved;
    }
}
