using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>Features are clustered as z-scores, and a feature that never varies is set aside and reported.</summary>
public sealed class StandardisationTests
{
    [Fact]
    public void Standardised_features_have_mean_0_and_sd_1()
    {
        var data = WellSeparatedSegments.Simulate(3, 5_000, seed: 2).Data;

        var standardised = FeatureStandardisation.Fit(data).Standardise(data);

        for (var j = 0; j < standardised.Features; j++)
        {
            var column = Enumerable.Range(0, standardised.Rows).Select(i => standardised[i, j]).ToArray();
            var mean = column.Average();
            Assert.Equal(0, mean, 1e-12);
            Assert.Equal(1, Math.Sqrt(column.Average(value => (value - mean) * (value - mean))), 1e-12);
        }
    }

    [Fact]
    public void Means_and_sds_are_remembered_and_centroids_go_back_to_original_units()
    {
        var data = new FeatureMatrix(["visits", "spend"], [1, 100, 3, 300, 5, 200, 7, 400]);

        var standardisation = FeatureStandardisation.Fit(data);

        Assert.Equal([4, 250], standardisation.Means);
        Assert.Equal(Math.Sqrt(5), standardisation.StandardDeviations[0], 12);
        Assert.Equal(Math.Sqrt(12_500), standardisation.StandardDeviations[1], 12);
        var roundTrip = standardisation.ToOriginalUnits(standardisation.Standardise(data));
        for (var i = 0; i < data.Rows; i++)
        {
            Assert.Equal(data[i, 0], roundTrip[i, 0], 12);
            Assert.Equal(data[i, 1], roundTrip[i, 1], 9);
        }
    }

    [Fact]
    public void A_constant_feature_gets_sd_1_standardises_to_0_and_is_reported()
    {
        var data = new FeatureMatrix(["visits", "country_code", "spend"], [1, 44, 10, 2, 44, 30, 3, 44, 20, 9, 44, 60]);

        var standardisation = FeatureStandardisation.Fit(data);
        var standardised = standardisation.Standardise(data);

        Assert.Equal(["country_code"], standardisation.ConstantFeatures);
        Assert.Equal(1, standardisation.StandardDeviations[1]);
        Assert.All(Enumerable.Range(0, data.Rows), i => Assert.Equal(0, standardised[i, 1]));
    }

    [Fact]
    public void A_constant_feature_does_not_stop_segmentation_and_is_reported_with_it()
    {
        var simulated = SegmentSimulator.Simulate(
            ["visits", "loyalty_tier"],
            [new SimulatedSegment([0, 0.1], [1, 0], 1), new SimulatedSegment([10, 0.1], [1, 0], 1)],
            500,
            seed: 1);

        var fit = KMeans.Fit(simulated.Data, 2);

        Assert.Equal(["loyalty_tier"], fit.Standardisation.ConstantFeatures);
        Assert.Equal(1, AdjustedRandIndex.Of(fit.Labels, simulated.TrueSegments));
        Assert.All(Enumerable.Range(0, 2), c => Assert.Equal(0.1, fit.CentroidsInOriginalUnits[c, 1], 15));
    }
}
