using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>A segmentation can be reproduced: the same data and seed give the same segments, bit for bit.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void The_same_seed_gives_the_same_segments()
    {
        // Overlapping segments, more customers than one parallel chunk, and a k that is not the true one: the case
        // where an order-dependent sum or a tie would show.
        var data = SegmentSimulator.Simulate(
            ["visits", "spend", "recency"],
            [new SimulatedSegment([0, 0, 0], [1, 1, 1], 1), new SimulatedSegment([1.5, 1, 0], [1, 1, 1], 1)],
            40_000,
            seed: 3).Data;
        var options = new KMeansOptions { Seed = 17, SilhouetteSampleSize = 2_000 };

        var first = KMeans.Fit(data, 5, options);
        var again = KMeans.Fit(data, 5, options);

        Assert.Equal(first.Labels, again.Labels);
        Assert.Equal(first.Inertia, again.Inertia);
        Assert.Equal(first.Silhouette, again.Silhouette);
        Assert.Equal(first.Centroids.ToRows(), again.Centroids.ToRows());
    }

    [Fact]
    public void Restarts_keep_the_lowest_inertia()
    {
        var data = WellSeparatedSegments.Simulate(5, 2_000, seed: 4).Data;

        var once = KMeans.Fit(data, 7, new KMeansOptions { Seed = 3 });
        var fiveTimes = KMeans.Fit(data, 7, new KMeansOptions { Seed = 3, Restarts = 5 });

        // The first restart draws what the single run drew, so keeping the best can only help.
        Assert.True(fiveTimes.Inertia <= once.Inertia);
    }
}
