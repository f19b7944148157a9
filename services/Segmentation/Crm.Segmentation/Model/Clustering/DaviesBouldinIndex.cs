using Crm.Analytics;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// The Davies–Bouldin index (1979): for each segment, the worst ratio (Sᵢ + Sⱼ) / ‖cᵢ − cⱼ‖ over the other segments,
/// averaged, where S is a segment's mean distance from its centroid. Lower is better: tight segments far apart.
/// </summary>
public static class DaviesBouldinIndex
{
    /// <summary>Over every customer; centroids are the means of the segments' customers. Segments with no customers are skipped.</summary>
    /// <exception cref="ClusteringException">Fewer than two segments have customers.</exception>
    public static double Of(FeatureMatrix data, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        var k = ClusterLabels.Check(data, labels);
        var (n, d, values) = (data.Rows, data.Features, data.Values);
        var sums = ChunkedSum.Run(n, k * d + k, (start, end, partial) =>
        {
            for (var i = start; i < end; i++)
            {
                var c = labels[i];
                partial[k * d + c]++;
                for (var j = 0; j < d; j++)
                {
                    partial[c * d + j] += values[i * d + j];
                }
            }
        });
        var centroids = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                centroids[c * d + j] = sums[k * d + c] > 0 ? sums[c * d + j] / sums[k * d + c] : 0;
            }
        }

        var scatter = ChunkedSum.Run(n, k, (start, end, partial) =>
        {
            for (var i = start; i < end; i++)
            {
                partial[labels[i]] += Math.Sqrt(SquaredDistance.Between(values.AsSpan(i * d, d), centroids.AsSpan(labels[i] * d, d)));
            }
        });
        var present = Enumerable.Range(0, k).Where(c => sums[k * d + c] > 0).ToArray();
        if (present.Length < 2)
        {
            throw new ClusteringException("The Davies–Bouldin index compares segments, and the customers are all in one.");
        }

        double total = 0;
        foreach (var i in present)
        {
            var worst = 0.0;
            foreach (var j in present.Where(j => j != i))
            {
                var separation = Math.Sqrt(SquaredDistance.Between(centroids.AsSpan(i * d, d), centroids.AsSpan(j * d, d)));
                var spreads = scatter[i] / sums[k * d + i] + scatter[j] / sums[k * d + j];
                // Two segments with the same centre are not distinct at all: the worst possible ratio.
                worst = Math.Max(worst, separation > 0 ? spreads / separation : double.PositiveInfinity);
            }

            total += worst;
        }

        return total / present.Length;
    }
}
