using Crm.Segmentation.Model.Clustering;

namespace Crm.Segmentation.Tests.Clustering;

/// <summary>Data that cannot be segmented as asked are refused with a message a user can act on.</summary>
public sealed class DegenerateInputTests
{
    private static readonly FeatureMatrix FourCustomers = new(["visits", "spend"], [1, 10, 2, 20, 3, 30, 4, 45]);

    [Fact]
    public void No_customers_are_refused()
    {
        var empty = new FeatureMatrix(["visits", "spend"], []);

        Assert.Contains("no customers", Assert.Throws<ClusteringException>(() => KMeans.Fit(empty, 2)).Message);
        Assert.Contains("no customers", Assert.Throws<ClusteringException>(() => KMeansSelection.Select(empty)).Message);
    }

    [Fact]
    public void Fewer_customers_than_segments_are_refused()
    {
        Assert.Contains("4 customers, fewer than the 5 segments", Assert.Throws<ClusteringException>(() => KMeans.Fit(FourCustomers, 5)).Message);
        Assert.Contains("lower the maximum k to at most 4", Assert.Throws<ClusteringException>(() => KMeansSelection.Select(FourCustomers, 2, 10)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_two_segments_are_refused(int k)
    {
        Assert.Contains("at least two segments", Assert.Throws<ClusteringException>(() => KMeans.Fit(FourCustomers, k)).Message);
    }

    [Fact]
    public void An_empty_range_of_k_is_refused()
    {
        Assert.Contains("range of k is empty", Assert.Throws<ClusteringException>(() => KMeansSelection.Select(FourCustomers, 4, 3)).Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+∞")]
    [InlineData(double.NegativeInfinity, "−∞")]
    public void A_value_that_is_not_a_finite_number_is_refused_naming_its_row_and_feature(double value, string described)
    {
        var problem = Assert.Throws<ClusteringException>(() => new FeatureMatrix(["visits", "spend"], [1, 10, 2, 20, 3, value]));

        Assert.Contains("Row 2, feature 'spend'", problem.Message);
        Assert.Contains(described, problem.Message);
    }

    [Fact]
    public void Fewer_distinct_customers_than_segments_are_refused()
    {
        var twoKinds = new FeatureMatrix(["visits", "spend"], [1, 10, 1, 10, 2, 20, 2, 20, 1, 10]);

        var problem = Assert.Throws<ClusteringException>(() => KMeans.Fit(twoKinds, 3));

        Assert.Contains("only 2 distinct", problem.Message);
    }

    [Fact]
    public void Rows_that_do_not_fill_the_features_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FeatureMatrix(["visits", "spend"], [1, 10, 2]));
    }
}
