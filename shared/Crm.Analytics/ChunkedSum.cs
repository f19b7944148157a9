namespace Crm.Analytics;

/// <summary>
/// Sums over customers in fixed-size chunks, in parallel, combining the chunks' partial sums in chunk order: results do
/// not depend on how many cores ran or in which order, so model fits and segmentations are reproducible to the last bit.
/// </summary>
public static class ChunkedSum
{
    public const int ChunkSize = 16_384;

    /// <summary>Calls <paramref name="sumRange"/>(start, end, partial) for each chunk; returns the sum of the partials.</summary>
    public static double[] Run(int count, int width, Action<int, int, double[]> sumRange) => Combine(Partials(count, width, sumRange), width);

    /// <summary>Each chunk's own partial sums, in chunk order, for callers that need to find the chunk a running total falls in.</summary>
    public static double[][] Partials(int count, int width, Action<int, int, double[]> sumRange)
    {
        var chunks = (count + ChunkSize - 1) / ChunkSize;
        var partials = new double[chunks][];
        void SumChunk(int chunk)
        {
            var partial = new double[width];
            sumRange(chunk * ChunkSize, Math.Min(count, (chunk + 1) * ChunkSize), partial);
            partials[chunk] = partial;
        }

        if (chunks > 1)
        {
            Parallel.For(0, chunks, SumChunk);
        }
        else if (chunks == 1)
        {
            SumChunk(0);
        }

        return partials;
    }

    /// <summary>Calls <paramref name="range"/>(start, end) for each chunk in parallel, for work that writes each customer's own slot.</summary>
    public static void ForEachChunk(int count, Action<int, int> range) =>
        Parallel.For(0, (count + ChunkSize - 1) / ChunkSize, chunk => range(chunk * ChunkSize, Math.Min(count, (chunk + 1) * ChunkSize)));

    public static double[] Combine(double[][] partials, int width)
    {
        var total = new double[width];
        foreach (var partial in partials)
        {
            for (var j = 0; j < width; j++)
            {
                total[j] += partial[j];
            }
        }

        return total;
    }
}
