namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// What one assignment pass sums per segment, laid out in one array so chunks can be combined in order: the
/// customers' feature sums (k × d), counts (k), sums of ‖x‖² (k), and the number of customers who changed segment.
/// </summary>
internal readonly record struct PassTotals(int K, int D)
{
    public int CountsAt => K * D;

    public int SquaredNormsAt => K * D + K;

    public int ChangesAt => K * D + 2 * K;

    public int Width => K * D + 2 * K + 1;

    public void Add(double[] totals, int c, ReadOnlySpan<double> x, double squaredNorm) => Accumulate(totals, c, x, squaredNorm, 1);

    public void Remove(double[] totals, int c, ReadOnlySpan<double> x, double squaredNorm) => Accumulate(totals, c, x, squaredNorm, -1);

    public double[] Means(double[] totals)
    {
        var means = new double[K * D];
        for (var c = 0; c < K; c++)
        {
            for (var j = 0; j < D; j++)
            {
                means[c * D + j] = totals[c * D + j] / totals[CountsAt + c];
            }
        }

        return means;
    }

    /// <summary>
    /// Σ‖x − c‖² over each segment's customers from the sums, as Σ‖x‖² − 2c·Σx + n‖c‖²: exact distances are not
    /// known for the customers the bounds skipped. Only compared between iterations, where its rounding (about 10⁻¹⁶
    /// of Σ‖x‖²) does not matter; the inertia reported is summed directly.
    /// </summary>
    public double InertiaAbout(double[] totals, double[] centroids)
    {
        double inertia = 0;
        for (var c = 0; c < K; c++)
        {
            var centroid = centroids.AsSpan(c * D, D);
            double dot = 0, squaredNorm = 0;
            for (var j = 0; j < D; j++)
            {
                dot += centroid[j] * totals[c * D + j];
                squaredNorm += centroid[j] * centroid[j];
            }

            inertia += Math.Max(0, totals[SquaredNormsAt + c] - 2 * dot + totals[CountsAt + c] * squaredNorm);
        }

        return inertia;
    }

    private void Accumulate(double[] totals, int c, ReadOnlySpan<double> x, double squaredNorm, int sign)
    {
        var sum = totals.AsSpan(c * D, D);
        for (var j = 0; j < D; j++)
        {
            sum[j] += sign * x[j];
        }

        totals[CountsAt + c] += sign;
        totals[SquaredNormsAt + c] += sign * squaredNorm;
    }
}
