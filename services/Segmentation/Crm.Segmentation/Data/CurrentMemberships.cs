using System.Runtime.InteropServices;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Who is in which segment, for a full recompute: per customer, one bit per segment (in the order of the segments
/// given), read in one pass over the members table rather than a lookup per customer.
/// </summary>
internal sealed class CurrentMemberships
{
    private const string ReadSql = "select customer_id, segment_id from segment_members";

    private readonly Dictionary<Guid, int> _slotOf = [];
    private readonly int _words;
    private readonly ulong[] _none;
    private ulong[] _bits;

    private CurrentMemberships(int segments)
    {
        _words = Words(segments);
        _none = new ulong[_words];
        _bits = new ulong[_words * 1_024];
    }

    /// <summary>How many 64-bit words hold one bit per segment.</summary>
    public static int Words(int segments) => Math.Max(1, (segments + 63) / 64);

    /// <summary>The customer's segments as bits; all clear when they are in none.</summary>
    public ReadOnlySpan<ulong> Of(Guid customerId) =>
        _slotOf.TryGetValue(customerId, out var slot) ? _bits.AsSpan(slot * _words, _words) : _none;

    /// <summary>The memberships <paramref name="transaction"/> sees (a snapshot shared with the rest of the recompute's reads).</summary>
    public static async Task<CurrentMemberships> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CompiledSegment> segments, CancellationToken cancellationToken)
    {
        var memberships = new CurrentMemberships(segments.Count);
        var indexOf = segments.Select((segment, index) => (segment.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index);
        await using var command = new NpgsqlCommand(ReadSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The catalog was read in the same snapshot, so every member's segment is in it.
            if (indexOf.TryGetValue(reader.GetGuid(1), out var index))
            {
                memberships.Set(reader.GetGuid(0), index);
            }
        }

        return memberships;
    }

    private void Set(Guid customerId, int index)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotOf, customerId, out var known);
        if (!known)
        {
            slot = _slotOf.Count - 1;
            if ((slot + 1) * _words > _bits.Length)
            {
                Array.Resize(ref _bits, _bits.Length * 2);
            }
        }

        _bits[slot * _words + index / 64] |= 1UL << (index % 64);
    }
}
