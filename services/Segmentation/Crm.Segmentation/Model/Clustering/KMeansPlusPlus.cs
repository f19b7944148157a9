using System.Numerics;
using Crm.Analytics;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007): each next centroid is drawn with probability
/// proportional to a customer's squared distance from the centroids so far, which spreads the seeds over the segments.
/// Greedy as in scikit-learn: 2 + ⌊ln k⌋ candidates are drawn and the one that lowers the total squared distance most
/// is kept, which avoids most of the bad seedings a single draw makes. Deterministic for a <see cref="Random"/>.
/// </summary>
internal static class KMeansPlusPlus
{
    /// <returns>k × d row-major centroids, each a customer's row.</returns>
    /// <exception cref="ClusteringException">The customers have fewer than k distinct rows.</exception>
    public static double[] Seed(FeatureMatrix data, int k, Random random)
    {
        var (n, d, values) = (data.Rows, data.Features, data.Values);
        var candidates = 2 + (int)Math.Log(k);
        var centroids = new double[k * d];
        var first = random.Next(n);
        values.AsSpan(first * d, d).CopyTo(centroids);
        var closest = new double[n];
        Array.Fill(closest, double.PositiveInfinity);
        var chunkTotals = MoveCloser(data, closest, first);

        var drawn = new int[candidates];
        for (var c = 1; c < k; c++)
        {
            var total = ChunkedSum.Combine(chunkTotals, 1)[0];
            if (total <= 0)
            {
                throw new ClusteringException(
                    $"The customers have only {c} distinct feature rows, fewer than the {k} segments asked for. Ask for at most {c} segments.");
            }

            for (var t = 0; t < candidates; t++)
            {
                drawn[t] = Draw(closest, chunkTotals, total, random);
            }

            var potentials = Potentials(data, closest, drawn);
            var best = drawn[Array.IndexOf(potentials, potentials.Min())];
            values.AsSpan(best * d, d).CopyTo(centroids.AsSpan(c * d, d));
            chunkTotals = MoveCloser(data, closest, best);
        }

        return centroids;
    }

    /// <summary>Σ min(closest, ‖x − candidate‖²) over the customers, for each candidate: the potential if it were added.</summary>
    private static double[] Potentials(FeatureMatrix data, double[] closest, int[] candidates)
    {
        var (d, values, width) = (data.Features, data.Values, CustomerLanes.Width);
        var rows = new double[candidates.Length * d];
        for (var t = 0; t < candidates.Length; t++)
        {
            values.AsSpan(candidates[t] * d, d).CopyTo(rows.AsSpan(t * d, d));
        }

        var broadcast = CustomerLanes.Broadcast(rows);
        return ChunkedSum.Run(data.Rows, candidates.Length, (start, end, partial) =>
        {
            Span<Vector<double>> customers = stackalloc Vector<double>[d];
            Span<Vector<double>> sums = stackalloc Vector<double>[candidates.Length];
            var i = start;
            for (; i <= end - width; i += width)
            {
                CustomerLanes.Load(values, d, i, customers);
                var current = new Vector<double>(closest, i);
                for (var t = 0; t < candidates.Length; t++)
                {
                    sums[t] += Vector.Min(current, CustomerLanes.SquaredDistances(customers, broadcast.AsSpan(t * d, d)));
                }
            }

            for (var t = 0; t < candidates.Length; t++)
            {
                partial[t] = Vector.Sum(sums[t]);
            }

            for (; i < end; i++)
            {
                for (var t = 0; t < candidates.Length; t++)
                {
                    partial[t] += Math.Min(closest[i], SquaredDistance.Between(values.AsSpan(i * d, d), rows.AsSpan(t * d, d)));
                }
            }
        });
    }

    /// <summary>closest = min(closest, ‖x − centroid‖²) for every customer.</summary>
    /// <returns>Each chunk's total of closest, to draw the next centroid from.</returns>
    private static double[][] MoveCloser(FeatureMatrix data, double[] closest, int centroid)
    {
        var (d, values, width) = (data.Features, data.Values, CustomerLanes.Width);
        var broadcast = CustomerLanes.Broadcast(values.AsSpan(centroid * d, d));
        return ChunkedSum.Partials(data.Rows, 1, (start, end, partial) =>
        {
            Span<Vector<double>> customers = stackalloc Vector<double>[d];
            var sum = Vector<double>.Zero;
            var i = start;
            for (; i <= end - width; i += width)
            {
                CustomerLanes.Load(values, d, i, customers);
                var updated = Vector.Min(new Vector<double>(closest, i), CustomerLanes.SquaredDistances(customers, broadcast));
                updated.CopyTo(closest, i);
                sum += updated;
            }

            partial[0] = Vector.Sum(sum);
            for (; i < end; i++)
            {
                closest[i] = Math.Min(closest[i], SquaredDistance.Between(values.AsSpan(i * d, d), values.AsSpan(centroid * d, d)));
                partial[0] += closest[i];
            }
        });
    }

    /// <summary>
    /// A customer drawn with probability proportional to their weight: the chunk totals find the chunk the uniform
    /// draw falls in, so only one chunk is walked. Rounding that carries the draw past the end lands on the last
    /// customer with weight, never on one already a centroid.
    /// </summary>
    private static int Draw(double[] weights, double[][] chunkTotals, double total, Random random)
    {
        var target = random.NextDouble() * total;
        var chunk = 0;
        for (; chunk < chunkTotals.Length - 1 && (target >= chunkTotals[chunk][0] || chunkTotals[chunk][0] == 0); chunk++)
        {
            target -= chunkTotals[chunk][0];
        }

        var lastWeighted = -1;
        var end = Math.Min(weights.Length, (chunk + 1) * ChunkedSum.ChunkSize);
        for (var i = chunk * ChunkedSum.ChunkSize; i < end; i++)
        {
            if (weights[i] > 0)
            {
                lastWeighted = i;
                target -= weights[i];
                if (target < 0)
                {
                    return i;
                }
            }
        }

        return lastWeighted >= 0 ? lastWeighted : Array.FindLastIndex(weights, weight => weight > 0);
    }
}
