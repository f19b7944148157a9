using Crm.Analytics;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// Lloyd's algorithm: assign every customer to the nearest centroid, move each centroid to its customers' mean,
/// repeat. The assignment pass (<see cref="AssignmentPass"/>) runs in parallel over chunks of customers and the chunks'
/// sums are combined in chunk order, so the outcome is the same on any number of cores.
/// </summary>
internal static class LloydIterations
{
    /// <param name="seeds">k × d row-major starting centroids; not changed.</param>
    /// <param name="relativeTolerance">Stop when an iteration lowers inertia by less than this fraction of it.</param>
    public static LloydOutcome Run(FeatureMatrix data, double[] seeds, int k, int maxIterations, double relativeTolerance)
    {
        var (n, d, values) = (data.Rows, data.Features, data.Values);
        var layout = new PassTotals(k, d);
        var labels = new int[n];
        Array.Fill(labels, -1);
        // Hamerly's bounds, carried between passes: upper ≥ the distance to the customer's centroid, lower ≤ the distance to any other.
        var upper = new double[n];
        var lower = new double[n];
        var squaredNorms = new double[n];
        ChunkedSum.ForEachChunk(n, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                squaredNorms[i] = SquaredDistance.FromOrigin(values.AsSpan(i * d, d));
            }
        });

        var centroids = seeds;
        var moves = new double[k];
        var previousInertia = double.PositiveInfinity;
        for (var iteration = 1; ; iteration++)
        {
            var pass = new AssignmentPass(data, centroids, moves, labels, upper, lower, squaredNorms, layout);
            var totals = ChunkedSum.Run(n, layout.Width, pass.Run);
            var moved = ReseedEmptyClusters(data, k, centroids, labels, totals);
            var inertia = layout.InertiaAbout(totals, centroids);
            var converged = moved.Length == 0 && (totals[layout.ChangesAt] == 0 || previousInertia - inertia <= relativeTolerance * inertia);
            if (converged || iteration >= maxIterations)
            {
                return Outcome(data, totals, labels, layout, iteration, converged);
            }

            foreach (var i in moved)
            {
                // Moved to a segment of its own: searched afresh next time rather than its bounds patched.
                (upper[i], lower[i]) = (double.PositiveInfinity, 0);
            }

            // After a reseed the inertia above is about a centroid that no longer has customers: not comparable.
            previousInertia = moved.Length == 0 ? inertia : double.PositiveInfinity;
            var means = layout.Means(totals);
            for (var c = 0; c < k; c++)
            {
                moves[c] = Math.Sqrt(SquaredDistance.Between(means.AsSpan(c * d, d), centroids.AsSpan(c * d, d)));
            }

            centroids = means;
        }
    }

    /// <summary>
    /// A segment left without customers takes the customer farthest from their own centroid (the worst-served one, the
    /// lowest-numbered on a tie) from a segment that has others to spare: k segments are asked for, so k are returned.
    /// The pass's totals and labels are updated; the new segment's mean is then that customer.
    /// </summary>
    /// <returns>The customers moved, usually none.</returns>
    internal static int[] ReseedEmptyClusters(FeatureMatrix data, int k, double[] centroids, int[] labels, double[] totals)
    {
        var layout = new PassTotals(k, data.Features);
        if (Enumerable.Range(0, k).All(c => totals[layout.CountsAt + c] > 0))
        {
            return [];
        }

        var (d, values) = (data.Features, data.Values);
        var squaredDistances = new double[labels.Length];
        ChunkedSum.ForEachChunk(labels.Length, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                squaredDistances[i] = SquaredDistance.Between(values.AsSpan(i * d, d), centroids.AsSpan(labels[i] * d, d));
            }
        });
        var moved = new List<int>();
        for (var empty = 0; empty < k; empty++)
        {
            if (totals[layout.CountsAt + empty] > 0)
            {
                continue;
            }

            var farthest = -1;
            for (var i = 0; i < labels.Length; i++)
            {
                if (totals[layout.CountsAt + labels[i]] > 1 && (farthest < 0 || squaredDistances[i] > squaredDistances[farthest]))
                {
                    farthest = i;
                }
            }

            var x = values.AsSpan(farthest * d, d);
            layout.Remove(totals, labels[farthest], x, SquaredDistance.FromOrigin(x));
            layout.Add(totals, empty, x, SquaredDistance.FromOrigin(x));
            squaredDistances[farthest] = 0;
            labels[farthest] = empty;
            moved.Add(farthest);
        }

        return [.. moved];
    }

    /// <summary>
    /// Reports each segment's mean as its centroid, so profiles describe the customers labelled, and the inertia about
    /// those means, summed directly rather than by Σ‖x‖² − n‖m‖², which loses digits to cancellation.
    /// </summary>
    private static LloydOutcome Outcome(FeatureMatrix data, double[] totals, int[] labels, PassTotals layout, int iterations, bool converged)
    {
        var (k, d, values) = (layout.K, data.Features, data.Values);
        var means = layout.Means(totals);
        var inertia = ChunkedSum.Run(data.Rows, 1, (start, end, partial) =>
        {
            for (var i = start; i < end; i++)
            {
                partial[0] += SquaredDistance.Between(values.AsSpan(i * d, d), means.AsSpan(labels[i] * d, d));
            }
        })[0];
        var sizes = new int[k];
        for (var c = 0; c < k; c++)
        {
            sizes[c] = (int)totals[layout.CountsAt + c];
        }

        return new LloydOutcome(labels, means, sizes, inertia, iterations, converged);
    }
}
