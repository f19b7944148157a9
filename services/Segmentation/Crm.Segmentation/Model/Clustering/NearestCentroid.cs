using System.Numerics;

namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// Finds customers' nearest and second-nearest centroids, the inner loop of k-means, a vector's width of customers at a
/// time (<see cref="CustomerLanes"/>): with one customer per lane, keeping the two smallest distances needs no branch,
/// where a customer-at-a-time search spends more on branches mispredicted over unpredictable winners than on arithmetic.
/// </summary>
internal sealed class NearestCentroid(double[] centroids, int k, int d)
{
    private readonly Vector<double>[] coordinates = CustomerLanes.Broadcast(centroids);

    /// <summary>
    /// For each of up to <see cref="CustomerLanes.Width"/> customers: the nearest centroid (the lowest-numbered on a
    /// tie) and the squared distances to it and to the second nearest.
    /// </summary>
    public void Find(double[] values, ReadOnlySpan<int> rows, Span<int> nearest, Span<double> nearestSquared, Span<double> secondSquared)
    {
        Span<Vector<double>> customers = stackalloc Vector<double>[d];
        CustomerLanes.Load(values, d, rows, customers);
        var best = new Vector<double>(double.PositiveInfinity);
        var second = best;
        var bestCentroid = Vector<double>.Zero;
        var centroid = Vector<double>.Zero;
        for (var c = 0; c < k; c++, centroid += Vector<double>.One)
        {
            var distance = CustomerLanes.SquaredDistances(customers, coordinates.AsSpan(c * d, d));
            var closest = Vector.LessThan(distance, best);
            second = Vector.ConditionalSelect(closest, best, Vector.Min(second, distance));
            best = Vector.ConditionalSelect(closest, distance, best);
            bestCentroid = Vector.ConditionalSelect(closest, centroid, bestCentroid);
        }

        for (var l = 0; l < rows.Length; l++)
        {
            (nearest[l], nearestSquared[l], secondSquared[l]) = ((int)bestCentroid[l], best[l], second[l]);
        }
    }
}
