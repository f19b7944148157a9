using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>Customers simulated in known segments are put back into those segments, and the number of segments is found.</summary>
public sealed class SegmentRecoveryTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void K_means_recovers_well_separated_segments(int segments)
    {
        var simulated = WellSeparatedSegments.Simulate(segments, 3_000, seed: segments);

        var fit = KMeans.Fit(simulated.Data, segments);

        Assert.True(AdjustedRandIndex.Of(fit.Labels, simulated.TrueSegments) > 0.9);
        Assert.True(fit.Converged);
        Assert.Equal(simulated.Data.Rows, fit.ClusterSizes.Sum());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Automatic_selection_picks_the_true_number_of_segments_and_shows_every_k(int segments)
    {
        var simulated = WellSeparatedSegments.Simulate(segments, 3_000, seed: 10 + segments);

        var selection = KMeansSelection.Select(simulated.Data, 2, 8);

        Assert.Equal(segments, selection.Best.K);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], selection.Candidates.Select(candidate => candidate.K));
        Assert.Equal(selection.Candidates.Max(candidate => candidate.Silhouette), selection.Best.Silhouette);
        Assert.True(AdjustedRandIndex.Of(selection.Best.Labels, simulated.TrueSegments) > 0.9);
    }

    [Fact]
    public void The_chosen_segmentation_is_the_one_k_means_gives_for_that_k()
    {
        var simulated = WellSeparatedSegments.Simulate(4, 2_000, seed: 3);

        var selection = KMeansSelection.Select(simulated.Data, 2, 6);

        Assert.Equal(KMeans.Fit(simulated.Data, selection.Best.K).Labels, selection.Best.Labels);
    }

    [Fact]
    public void Centroids_in_original_units_are_the_segments_average_customers()
    {
        var simulated = WellSeparatedSegments.Simulate(4, 2_000, seed: 5);

        var fit = KMeans.Fit(simulated.Data, 4);

        for (var c = 0; c < fit.K; c++)
        {
            var members = Enumerable.Range(0, simulated.Data.Rows).Where(i => fit.Labels[i] == c).ToArray();
            Assert.Equal(fit.ClusterSizes[c], members.Length);
            for (var j = 0; j < simulated.Data.Features; j++)
            {
                var average = members.Average(i => simulated.Data[i, j]);
                Assert.Equal(average, fit.CentroidsInOriginalUnits[c, j], 1e-9 * Math.Max(1, Math.Abs(average)));
            }
        }
    }

    [Fact]
    public void Units_do_not_decide_the_segments()
    {
        // Spend in pounds is noise with a spread of 1,000; visits separate two segments by 3 with a spread of 0.3.
        // Unstandardised, every distance would be spend and the split would follow it.
        var simulated = SegmentSimulator.Simulate(
            ["spend", "visits"],
            [new SimulatedSegment([5_000, 2], [1_000, 0.3], 1), new SimulatedSegment([5_000, 5], [1_000, 0.3], 1)],
            2_000,
            seed: 8);

        var fit = KMeans.Fit(simulated.Data, 2);

        Assert.True(AdjustedRandIndex.Of(fit.Labels, simulated.TrueSegments) > 0.9);
    }

    [Fact]
    public void Inertia_is_the_within_segment_sum_of_squared_standardised_distances()
    {
        var simulated = WellSeparatedSegments.Simulate(3, 1_500, seed: 9);

        var fit = KMeans.Fit(simulated.Data, 3);

        var standardised = fit.Standardisation.Standardise(simulated.Data);
        var sum = Enumerable.Range(0, standardised.Rows).Sum(i =>
            Enumerable.Range(0, standardised.Features).Sum(j => Math.Pow(standardised[i, j] - fit.Centroids[fit.Labels[i], j], 2)));
        Assert.Equal(sum, fit.Inertia, 1e-9 * sum);
    }
}
