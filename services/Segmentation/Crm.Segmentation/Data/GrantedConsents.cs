using System.Collections.Frozen;
using System.Runtime.InteropServices;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Every customer's granted consents as rules read them (<c>channel:purpose</c>), for a full recompute. Customers
/// share a handful of combinations, so each combination is one set, shared by everyone who holds it.
/// </summary>
internal sealed class GrantedConsents
{
    private const string ReadSql = "select customer_id, channel || ':' || purpose from consents where granted";

    private static readonly IReadOnlySet<string> None = FrozenSet<string>.Empty;

    private readonly Dictionary<Guid, int> _combinationOf = [];
    private readonly List<IReadOnlySet<string>> _combinations = [];

    private GrantedConsents()
    {
    }

    public IReadOnlySet<string> Of(Guid customerId) =>
        _combinationOf.TryGetValue(customerId, out var combination) ? _combinations[combination] : None;

    /// <summary>The consents <paramref name="transaction"/> sees (a snapshot shared with the rest of the recompute's reads).</summary>
    public static async Task<GrantedConsents> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var consents = new GrantedConsents();
        var combinations = new Combinations();
        await using (var command = new NpgsqlCommand(ReadSql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ref var combination = ref CollectionsMarshal.GetValueRefOrAddDefault(consents._combinationOf, reader.GetGuid(0), out _);
                combination = combinations.With(combination, reader.GetString(1));
            }
        }

        consents._combinations.AddRange(combinations.Sets());
        return consents;
    }

    /// <summary>Combinations of consents by number (0 is none), and which combination adding a consent to one leads to.</summary>
    private sealed class Combinations
    {
        private readonly List<string[]> _members = [[]];
        private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal) { [""] = 0 };
        private readonly Dictionary<(int, string), int> _next = [];

        public int With(int combination, string consent)
        {
            if (_next.TryGetValue((combination, consent), out var next))
            {
                return next;
            }

            string[] members = [.. _members[combination].Append(consent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            var key = string.Join('\n', members);
            if (!_byKey.TryGetValue(key, out next))
            {
                next = _members.Count;
                _members.Add(members);
                _byKey.Add(key, next);
            }

            _next.Add((combination, consent), next);
            return next;
        }

        public IEnumerable<IReadOnlySet<string>> Sets() => _members.Select(members => (IReadOnlySet<string>)members.ToFrozenSet(StringComparer.Ordinal));
    }
}
