using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>
/// The pruned, vectorised assignment gives what a plain search gives: once converged, every customer is in the
/// segment whose centroid is nearest.
/// </summary>
public sealed class NearestCentroidAssignmentTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(9)]
    public void After_convergence_every_customer_is_in_the_segment_with_the_nearest_centroid(int k)
    {
        // Overlapping segments and more customers than one parallel chunk: many customers near boundaries, where a
        // wrong bound would show.
        var data = SegmentSimulator.Simulate(
            ["visits", "spend", "recency", "tenure", "returns"],
            [new SimulatedSegment([0, 0, 0, 0, 0], [1, 1, 1, 1, 1], 1), new SimulatedSegment([2, 1, 0, 1, 0], [1, 2, 1, 1, 1], 1)],
            30_000,
            seed: k).Data;

        var fit = KMeans.Fit(data, k, new KMeansOptions { RelativeTolerance = 0 });

        Assert.True(fit.Converged);
        var standardised = fit.Standardisation.Standardise(data);
        var centroids = fit.Centroids.ToRows();
        for (var i = 0; i < standardised.Rows; i++)
        {
            var row = standardised.Row(i).ToArray();
            var distances = centroids.Select(centroid => centroid.Zip(row, (c, x) => (c - x) * (c - x)).Sum()).ToArray();
            // A customer equidistant to rounding may go either way.
            Assert.True(distances[fit.Labels[i]] <= distances.Min() * (1 + 1e-12) + 1e-12, $"Customer {i} is in segment {fit.Labels[i]} but nearest to {Array.IndexOf(distances, distances.Min())}.");
        }
    }
}
