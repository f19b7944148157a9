using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>The adjusted Rand index compares segmentations by which customers they put together, whatever the names.</summary>
public sealed class AdjustedRandIndexTests
{
    [Fact]
    public void Identical_segmentations_score_1()
    {
        int[] labels = [0, 0, 1, 1, 2, 2, 2, 0];

        Assert.Equal(1, AdjustedRandIndex.Of(labels, labels));
    }

    [Fact]
    public void Renaming_the_segments_does_not_change_the_score()
    {
        int[] labels = [0, 0, 1, 1, 2, 2, 2, 0];
        int[] renamed = [7, 7, -3, -3, 4, 4, 4, 7];

        Assert.Equal(1, AdjustedRandIndex.Of(labels, renamed));
    }

    [Theory]
    // Hand-computed from the contingency table: Σ C(nᵢⱼ,2) = 1, Σ C(aᵢ,2) = 2, Σ C(bⱼ,2) = 1, C(4,2) = 6, so
    // (1 − 2·1/6) / (½(2 + 1) − 2·1/6) = 4/7; the value scikit-learn documents for this pair.
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 2 }, 4.0 / 7)]
    // Every pair split differently: (0 − 2·2/6) / (2 − 2·2/6) = −1/2.
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 1 }, -0.5)]
    // Σ C(nᵢⱼ,2) = 2, Σ C(aᵢ,2) = 6, Σ C(bⱼ,2) = 3, C(6,2) = 15: (2 − 1.2) / (4.5 − 1.2) = 8/33.
    [InlineData(new[] { 0, 0, 0, 1, 1, 1 }, new[] { 0, 0, 1, 1, 2, 2 }, 8.0 / 33)]
    public void Small_examples_match_their_hand_computed_values(int[] a, int[] b, double expected)
    {
        Assert.Equal(expected, AdjustedRandIndex.Of(a, b), 12);
        Assert.Equal(expected, AdjustedRandIndex.Of(b, a), 12);
    }

    [Fact]
    public void Everyone_together_in_both_scores_1_rather_than_0_over_0()
    {
        Assert.Equal(1, AdjustedRandIndex.Of([3, 3, 3], [5, 5, 5]));
        Assert.Equal(1, AdjustedRandIndex.Of([0, 1, 2], [2, 0, 1]));
    }

    [Fact]
    public void Unrelated_random_segmentations_score_about_0()
    {
        var random = new Random(4);
        int[] a = [.. Enumerable.Range(0, 20_000).Select(_ => random.Next(4))];
        int[] b = [.. Enumerable.Range(0, 20_000).Select(_ => random.Next(5))];

        Assert.InRange(AdjustedRandIndex.Of(a, b), -0.01, 0.01);
    }

    [Fact]
    public void Segmentations_of_different_customers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Of([0, 1], [0, 1, 1]));
    }
}
