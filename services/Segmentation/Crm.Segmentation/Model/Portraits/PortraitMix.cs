namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// Turns counts per value into a mix a person can read: the largest values first, at most <see cref="Top"/> of them,
/// the rest summed as <see cref="Other"/> and members without the fact as <see cref="Unknown"/>, each with its share
/// of the members (so the shares of a mix add up to 1).
/// </summary>
public static class PortraitMix
{
    public const int Top = 10;
    public const string Other = "other";
    public const string Unknown = "unknown";

    /// <param name="counts">Members per value; a null value is a member without the fact. Values may repeat (they are added).</param>
    public static IReadOnlyList<MixShare> Of(IEnumerable<(string? Value, long Count)> counts, long members, int top = Top)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var unknown = 0L;
        var known = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (value, count) in counts)
        {
            if (value is null)
            {
                unknown += count;
            }
            else
            {
                known[value] = known.GetValueOrDefault(value) + count;
            }
        }

        var ranked = known.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var mix = ranked.Take(top).Select(pair => Share(pair.Key, pair.Value, members)).ToList();
        var rest = ranked.Skip(top).Sum(pair => pair.Value);
        if (rest > 0)
        {
            mix.Add(Share(Other, rest, members));
        }

        if (unknown > 0)
        {
            mix.Add(Share(Unknown, unknown, members));
        }

        return mix;
    }

    /// <summary>Each value's count as a share of the members, largest first, uncapped: for facts a member can hold several of (consents).</summary>
    public static IReadOnlyList<MixShare> Coverage(IEnumerable<(string Value, long Count)> counts, long members)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return [.. counts.OrderByDescending(pair => pair.Count).ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => Share(pair.Value, pair.Count, members))];
    }

    private static MixShare Share(string value, long count, long members) => new(value, count, members == 0 ? 0 : (double)count / members);
}
