using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>A segment that loses all its customers during the iterations is given one, so k segments come back.</summary>
public sealed class EmptySegmentTests
{
    [Fact]
    public void An_empty_segment_takes_the_customer_farthest_from_their_centroid()
    {
        // The centroid at 100 attracts nobody; 3.5 is the customer worst served by the others.
        var data = new FeatureMatrix(["visits"], [0, 0.1, 10, 10.1, 3.5]);

        var outcome = LloydIterations.Run(data, [0, 100, 10], k: 3, maxIterations: 100, relativeTolerance: 0);

        Assert.All(outcome.ClusterSizes, size => Assert.True(size > 0));
        Assert.Equal(1, outcome.Labels[4]);
        Assert.True(outcome.Converged);
    }
}
