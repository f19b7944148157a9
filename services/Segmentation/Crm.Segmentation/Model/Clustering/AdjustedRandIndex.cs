namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// The adjusted Rand index (Hubert &amp; Arabie 1985) between two segmentations of the same customers: the share of
/// customer pairs the two agree on (together in both, or apart in both), corrected for chance. 1 for the same
/// segmentation whatever the segments are called, about 0 for unrelated ones, negative for worse than chance.
/// </summary>
public static class AdjustedRandIndex
{
    public static double Of(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The segmentations label {a.Length} and {b.Length} customers; they must label the same customers.", nameof(b));
        }

        var together = new Dictionary<(int, int), long>();
        var rowSizes = new Dictionary<int, long>();
        var columnSizes = new Dictionary<int, long>();
        for (var i = 0; i < a.Length; i++)
        {
            together[(a[i], b[i])] = together.GetValueOrDefault((a[i], b[i])) + 1;
            rowSizes[a[i]] = rowSizes.GetValueOrDefault(a[i]) + 1;
            columnSizes[b[i]] = columnSizes.GetValueOrDefault(b[i]) + 1;
        }

        // Pair counts are exact in 64 bits up to int.MaxValue customers; only the final ratio is floating point.
        var index = together.Values.Sum(Pairs);
        var (rowPairs, columnPairs, allPairs) = (rowSizes.Values.Sum(Pairs), columnSizes.Values.Sum(Pairs), Pairs(a.Length));
        if (rowPairs == columnPairs && (rowPairs == 0 || rowPairs == allPairs))
        {
            // Both keep everyone apart, or both put everyone together (or there are fewer than two customers): the
            // index is 0/0, and the segmentations agree on every pair.
            return 1;
        }

        var expected = (double)rowPairs * columnPairs / allPairs;
        return (index - expected) / ((rowPairs + columnPairs) / 2.0 - expected);
    }

    private static long Pairs(long size) => size * (size - 1) / 2;
}
