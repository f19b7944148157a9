using Crm.Segmentation.Model.Portraits;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>
/// Standardisation against the population and the look-alike score exp(−½ · mean squared z-distance) from the ideal
/// segment's mean standardised features.
/// </summary>
public sealed class LookAlikeScoreTests
{
    // Six features, each with population mean 10 and sd 2.
    private static readonly FeatureScale[] Scales = [.. Enumerable.Repeat(new FeatureScale(10, 2), LookAlikeFeatures.All.Count)];

    [Fact]
    public void The_ideal_is_the_mean_of_the_members_standardised_values_with_a_missing_value_at_the_population_mean()
    {
        // Four members; three have the first feature, summing to 42: z = (42 − 3·10) / (2·4) = 1.5.
        var profile = IdealProfile.Of(Scales, [42, 40, null, 40, 40, 40], [3, 4, 0, 4, 4, 4], members: 4);

        Assert.Equal(1.5, profile.Features[0].StandardisedMean, 12);
        Assert.Equal(14, profile.Features[0].SegmentMean);
        Assert.Equal(0, profile.Features[1].StandardisedMean, 12);
        Assert.Null(profile.Features[2].SegmentMean);
        Assert.Equal(0, profile.Features[2].StandardisedMean);
    }

    [Fact]
    public void A_customer_exactly_like_the_ideal_scores_one_and_one_sd_off_everywhere_scores_exp_minus_a_half()
    {
        var profile = IdealProfile.Of(Scales, [72, 72, 72, 72, 72, 72], [6, 6, 6, 6, 6, 6], members: 6);   // ideal: 12 on each, z = 1

        var twin = profile.Compare(Guid.NewGuid(), Guid.NewGuid(), [12, 12, 12, 12, 12, 12]);
        var offByOne = profile.Compare(Guid.NewGuid(), Guid.NewGuid(), [14, 10, 14, 10, 14, 10]);
        var farAway = profile.Compare(Guid.NewGuid(), Guid.NewGuid(), [30, 30, 30, 30, 30, 30]);

        Assert.Equal(1, twin.Score, 12);
        Assert.Equal(Math.Exp(-0.5), offByOne.Score, 12);
        Assert.Equal([1, -1, 1, -1, 1, -1], offByOne.Features.Select(feature => feature.Distance));
        Assert.True(farAway.Score < 1e-10, $"{farAway.Score}");
    }

    [Fact]
    public void A_missing_value_counts_as_the_population_mean()
    {
        var profile = IdealProfile.Of(Scales, [72, 60, 60, 60, 60, 60], [6, 6, 6, 6, 6, 6], members: 6);   // z = 1 on the first, 0 elsewhere

        var neverBought = profile.Compare(Guid.NewGuid(), Guid.NewGuid(), [null, 10, 10, 10, 10, 10]);

        Assert.Equal(0, neverBought.Features[0].Standardised);
        Assert.Equal(1.0 / 6, neverBought.MeanSquaredDistance, 12);
        Assert.Equal(LookAlikeScore.Of(1.0 / 6), neverBought.Score, 12);
    }

    [Fact]
    public void A_feature_everyone_shares_or_no_one_has_is_left_out_of_the_distance()
    {
        FeatureScale[] scales = [new(10, 2), new(5, 0), new(null, null), new(10, 2), new(10, 2), new(10, 2)];
        var profile = IdealProfile.Of(scales, [48, 20, null, 40, 40, 40], [4, 4, 0, 4, 4, 4], members: 4);   // z = 1 on the first

        var lookAlike = profile.Compare(Guid.NewGuid(), Guid.NewGuid(), [12, 99, 99, 10, 10, 10]);

        Assert.Equal([true, false, false, true, true, true], profile.Features.Select(feature => feature.Used));
        Assert.Equal(0, lookAlike.MeanSquaredDistance, 12);
        Assert.Equal(1, lookAlike.Score, 12);
    }

    [Fact]
    public void The_score_falls_from_one_as_the_distance_grows()
    {
        Assert.Equal(1, LookAlikeScore.Of(0));
        Assert.Equal(Math.Exp(-2), LookAlikeScore.Of(4), 15);
        Assert.True(LookAlikeScore.Of(0.5) > LookAlikeScore.Of(0.6));
        Assert.Throws<ArgumentOutOfRangeException>(() => LookAlikeScore.Of(-1));
    }
}
