namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// Sums over customers in fixed-size chunks, in parallel, combining the chunks' partial sums in chunk order: the
/// result does not depend on how many cores ran or in which order, so fits are reproducible to the last bit.
/// </summary>
internal static class ChunkedSum
{
    private const int ChunkSize = 16_384;

    /// <summary>Calls <paramref name="sumRange"/>(start, end, partial) for each chunk; returns the sum of the partials.</summary>
    public static double[] Run(int count, int width, Action<int, int, double[]> sumRange)
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
