namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// One assignment pass of Lloyd's algorithm with Hamerly's bounds (2010): a customer whose distance to their own
/// centroid is provably below the distance to any other keeps it without a search; the rest are searched a vector's
/// width at a time. Each customer's outcome depends only on their own bounds, so the pass can run over chunks in any
/// order on any number of cores.
/// </summary>
internal sealed class AssignmentPass(
    FeatureMatrix data,
    double[] centroids,
    double[] moves,
    int[] labels,
    double[] upper,
    double[] lower,
    double[] squaredNorms,
    PassTotals layout)
{
    private readonly NearestCentroid nearest = new(centroids, layout.K, layout.D);
    private readonly double[] halfGaps = HalfGapsToNearestOther(centroids, layout.K, layout.D);
    private readonly (double Largest, int Mover, double SecondLargest) largestMoves = LargestMoves(moves);

    /// <summary>Assigns customers [start, end) and adds them to <paramref name="partial"/>.</summary>
    public void Run(int start, int end, double[] partial)
    {
        var (d, values) = (layout.D, data.Values);
        Span<int> pending = stackalloc int[CustomerLanes.Width];
        var waiting = 0;
        for (var i = start; i < end; i++)
        {
            var own = labels[i];
            if (own >= 0)
            {
                // The centroids moved since the bounds were set: own by moves[own], any other by at most the largest move.
                upper[i] += moves[own];
                lower[i] -= own == largestMoves.Mover ? largestMoves.SecondLargest : largestMoves.Largest;
                var bound = Math.Max(halfGaps[own], lower[i]);
                if (upper[i] > bound)
                {
                    upper[i] = Math.Sqrt(SquaredDistance.Between(values.AsSpan(i * d, d), centroids.AsSpan(own * d, d)));
                }

                if (upper[i] <= bound)
                {
                    layout.Add(partial, own, values.AsSpan(i * d, d), squaredNorms[i]);
                    continue;
                }
            }

            pending[waiting++] = i;
            if (waiting == pending.Length)
            {
                Search(pending, partial);
                waiting = 0;
            }
        }

        Search(pending[..waiting], partial);
    }

    private void Search(ReadOnlySpan<int> rows, double[] partial)
    {
        var d = layout.D;
        Span<int> found = stackalloc int[CustomerLanes.Width];
        Span<double> nearestSquared = stackalloc double[CustomerLanes.Width];
        Span<double> secondSquared = stackalloc double[CustomerLanes.Width];
        if (rows.IsEmpty)
        {
            return;
        }

        nearest.Find(data.Values, rows, found, nearestSquared, secondSquared);
        for (var r = 0; r < rows.Length; r++)
        {
            var i = rows[r];
            (upper[i], lower[i]) = (Math.Sqrt(nearestSquared[r]), Math.Sqrt(secondSquared[r]));
            if (labels[i] != found[r])
            {
                labels[i] = found[r];
                partial[layout.ChangesAt]++;
            }

            layout.Add(partial, found[r], data.Values.AsSpan(i * d, d), squaredNorms[i]);
        }
    }

    /// <summary>Half the distance from each centroid to its nearest other: a customer closer than that to its own centroid cannot be closer to another.</summary>
    private static double[] HalfGapsToNearestOther(double[] centroids, int k, int d)
    {
        var halfGaps = new double[k];
        Array.Fill(halfGaps, double.PositiveInfinity);
        for (var a = 0; a < k; a++)
        {
            for (var b = a + 1; b < k; b++)
            {
                var half = 0.5 * Math.Sqrt(SquaredDistance.Between(centroids.AsSpan(a * d, d), centroids.AsSpan(b * d, d)));
                halfGaps[a] = Math.Min(halfGaps[a], half);
                halfGaps[b] = Math.Min(halfGaps[b], half);
            }
        }

        return halfGaps;
    }

    /// <summary>The largest centroid move, the centroid that made it, and the second largest move.</summary>
    private static (double Largest, int Mover, double SecondLargest) LargestMoves(double[] moves)
    {
        var (largest, mover, second) = (0.0, -1, 0.0);
        for (var c = 0; c < moves.Length; c++)
        {
            if (moves[c] > largest)
            {
                (second, largest, mover) = (largest, moves[c], c);
            }
            else if (moves[c] > second)
            {
                second = moves[c];
            }
        }

        return (largest, mover, second);
    }
}
