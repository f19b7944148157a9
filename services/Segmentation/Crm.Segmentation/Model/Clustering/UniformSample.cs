namespace Crm.Segmentation.Model.Clustering;

/// <summary>A seeded uniform sample of customers without replacement.</summary>
internal static class UniformSample
{
    /// <returns>min(size, n) distinct indices in ascending order; all of 0..n−1 when n ≤ size.</returns>
    public static int[] Indices(int n, int size, int seed)
    {
        if (n <= size)
        {
            return [.. Enumerable.Range(0, n)];
        }

        // Floyd's algorithm: exactly size draws and memory for the sample only, however many customers there are.
        var random = new Random(seed);
        var chosen = new HashSet<int>(size);
        for (var candidate = n - size; candidate < n; candidate++)
        {
            var pick = random.Next(candidate + 1);
            chosen.Add(chosen.Contains(pick) ? candidate : pick);
        }

        int[] indices = [.. chosen];
        Array.Sort(indices);
        return indices;
    }
}
