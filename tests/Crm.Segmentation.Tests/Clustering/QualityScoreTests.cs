using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>Silhouette and Davies–Bouldin on examples small enough to check by hand.</summary>
public sealed class QualityScoreTests
{
    // Three segments on a line: {0, 2}, {5, 6, 7} and {20} alone.
    private static readonly FeatureMatrix Line = new(["spend"], [0, 2, 5, 6, 7, 20]);
    private static readonly int[] LineSegments = [0, 0, 1, 1, 1, 2];

    [Fact]
    public void Silhouette_of_a_small_example_matches_the_hand_computed_value()
    {
        // s = (b − a)/max(a, b): 0 → (6 − 2)/6, 2 → (4 − 2)/4, 5 → (4 − 1.5)/4, 6 → (5 − 1)/5, 7 → (6 − 1.5)/6, and 20
        // is alone, so 0. Mean (2/3 + 1/2 + 5/8 + 4/5 + 3/4 + 0)/6 = 401/720.
        Assert.Equal(401.0 / 720, Silhouette.Of(Line, LineSegments), 12);
    }

    [Fact]
    public void Silhouette_of_two_pairs_matches_the_hand_computed_value()
    {
        // 0 and 5 score (4.5 − 1)/4.5 = 7/9, 1 and 4 score (3.5 − 1)/3.5 = 5/7: mean 47/63.
        Assert.Equal(47.0 / 63, Silhouette.Of(new FeatureMatrix(["visits"], [0, 1, 4, 5]), [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Davies_Bouldin_of_a_small_example_matches_the_hand_computed_value()
    {
        // Centres 1, 6, 20; mean distances from them 1, 2/3, 0. Ratios (Sᵢ + Sⱼ)/|cᵢ − cⱼ|: 0–1 (5/3)/5 = 1/3,
        // 0–2 1/19, 1–2 (2/3)/14 = 1/21. Worst per segment 1/3, 1/3, 1/19: mean 41/171.
        Assert.Equal(41.0 / 171, DaviesBouldinIndex.Of(Line, LineSegments), 12);
    }

    [Fact]
    public void Davies_Bouldin_works_in_every_feature_not_just_the_first()
    {
        // Two segments of two customers in the plane: centres (0, 0.5) and (4, 3.5), each customer 0.5 from its centre.
        var plane = new FeatureMatrix(["visits", "spend"], [0, 0, 0, 1, 4, 3, 4, 4]);

        Assert.Equal(1.0 / 5, DaviesBouldinIndex.Of(plane, [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Sampled_silhouette_is_close_to_the_exact_one()
    {
        var simulated = SegmentSimulator.Simulate(
            ["visits", "spend"],
            [new SimulatedSegment([0, 0], [1, 1], 1), new SimulatedSegment([3, 0], [1, 1], 1), new SimulatedSegment([0, 3], [1, 1], 1)],
            12_000,
            seed: 6);

        var exact = Silhouette.Of(simulated.Data, simulated.TrueSegments, sampleSize: 12_000);
        var sampled = Silhouette.Of(simulated.Data, simulated.TrueSegments, sampleSize: 3_000, seed: 2);

        Assert.InRange(sampled, exact - 0.02, exact + 0.02);
        Assert.NotEqual(exact, sampled);
    }

    [Fact]
    public void A_fit_on_few_customers_scores_the_silhouette_exactly_and_says_so()
    {
        var simulated = WellSeparatedSegments.Simulate(3, 900, seed: 1);

        var fit = KMeans.Fit(simulated.Data, 3);

        Assert.Equal(900, fit.SilhouetteSampleSize);
        var standardised = fit.Standardisation.Standardise(simulated.Data);
        Assert.Equal(Silhouette.Of(standardised, fit.Labels), fit.Silhouette, 12);
        Assert.Equal(DaviesBouldinIndex.Of(standardised, fit.Labels), fit.DaviesBouldin, 12);
    }

    [Fact]
    public void Davies_Bouldin_needs_two_segments_with_customers()
    {
        var problem = Assert.Throws<ClusteringException>(() => DaviesBouldinIndex.Of(Line, [1, 1, 1, 1, 1, 1]));

        Assert.Contains("all in one", problem.Message);
    }
}
