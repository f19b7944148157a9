namespace Crm.Segmentation.Model.Rules;

/// <summary>The known names a mistyped one was probably meant to be, for "did you mean" in errors.</summary>
internal static class ClosestNames
{
    public static IReadOnlyList<string> Of(string typed, IEnumerable<string> known, int max = 3)
    {
        var allowed = Math.Clamp(typed.Length / 3, 1, 3);
        return
        [
            .. known
                .Select(name => (Name: name, Distance: Distance(typed, name)))
                .Where(candidate => candidate.Distance <= allowed
                    || candidate.Name.EndsWith("." + typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(candidate => candidate.Distance)
                .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
                .Select(candidate => candidate.Name)
                .Distinct()
                .Take(max),
        ];
    }

    /// <summary>Levenshtein distance ignoring case, so <c>lifetimevalue</c> finds <c>lifetimeValue</c> first.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static string DidYouMean(string typed, IEnumerable<string> known) =>
        Of(typed, known) is { Count: > 0 } close ? $" (did you mean {string.Join(" or ", close)}?)" : "";
}
