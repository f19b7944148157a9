using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

/// <summary>
/// The nearestCluster leaf: a customer is in cluster n when their standardised features are nearest its centroid;
/// a customer missing a feature is in no cluster; the leaf explains where the customer fell and reports what it reads.
/// </summary>
public sealed class NearestClusterRuleTests
{
    /// <summary>
    /// Revenue (mean 100, sd 50) and purchase days (mean 4, sd 2); centroids at (−1, −1), (1, 1) and (1, −1) sds.
    /// </summary>
    public static string Leaf(int cluster, string? clustering = "c-1") => $$"""
        { "nearestCluster": { {{(clustering is null ? "" : $"\"clustering\": \"{clustering}\",")}}
            "cluster": {{cluster}}, "features": ["revenue", "purchases"], "means": [100, 4], "scales": [50, 2],
            "centroids": [[-1, -1], [1, 1], [1, -1]] } }
        """;

    private static CustomerFacts Customer(decimal revenue, int purchases) => new() { Revenue = revenue, Purchases = purchases };

    [Fact]
    public void A_customer_is_in_the_cluster_whose_centroid_is_nearest_and_in_no_other()
    {
        // z = (0.4, −0.5): 1.49 from cluster 1, 1.62 from cluster 2, 0.78 from cluster 3.
        var customer = Customer(120m, 3);

        Assert.Equal([false, false, true], [.. new[] { 1, 2, 3 }.Select(cluster => Rules.Compile(Leaf(cluster)).Evaluate(customer))]);
        Assert.True(Rules.Compile(Leaf(2)).Evaluate(Customer(150m, 6)));
    }

    [Fact]
    public void A_customer_moving_toward_another_centroid_changes_cluster()
    {
        var rule = Rules.Compile(Leaf(1));

        Assert.True(rule.Evaluate(Customer(40m, 2)));
        Assert.False(rule.Evaluate(Customer(160m, 2)));
    }

    [Fact]
    public void The_explanation_gives_the_nearest_cluster_with_its_distance_and_the_next_nearest()
    {
        var why = Rules.Compile(Leaf(2)).Explain(Customer(120m, 3));

        Assert.False(why.Held);
        Assert.Equal(("$", "nearest to cluster 2 of 3 in clustering c-1"), (why.Path, why.Description));
        Assert.Equal("nearest to cluster 3 (distance 0.78; next nearest 1 at 1.49)", why.Actual);
        Assert.True(Rules.Compile(Leaf(3, clustering: null)).Explain(Customer(120m, 3)).Held);
    }

    [Fact]
    public void A_customer_missing_a_feature_is_in_no_cluster_and_the_explanation_says_which()
    {
        CustomerFacts customer = new() { Purchases = 3 };

        Assert.All(new[] { 1, 2, 3 }, cluster => Assert.False(Rules.Compile(Leaf(cluster)).Evaluate(customer)));
        var why = Rules.Compile(Leaf(1)).Explain(customer);
        Assert.False(why.Held);
        Assert.Equal("in no cluster: no value for revenue", why.Actual);
        Assert.True(Rules.Compile($$"""{ "not": {{Leaf(1)}} }""").Evaluate(customer));
    }

    [Fact]
    public void Average_order_value_is_missing_for_a_customer_without_purchases()
    {
        var rule = Rules.Compile("""
            { "nearestCluster": { "cluster": 1, "features": ["averageOrderValue"], "means": [50], "scales": [10], "centroids": [[-1], [1]] } }
            """);

        Assert.True(rule.Evaluate(new CustomerFacts { Revenue = 160m, Purchases = 4 }));
        Assert.False(rule.Evaluate(new CustomerFacts { Revenue = 0m, Purchases = 0 }));
        Assert.Equal("in no cluster: no value for averageOrderValue", rule.Explain(new CustomerFacts { Revenue = 0m, Purchases = 0 }).Actual);
    }

    [Fact]
    public void A_customer_halfway_between_two_centroids_goes_to_the_lower_numbered()
    {
        // z = (0, 0): √2 from clusters 1, 2 and 3 alike.
        var customer = Customer(100m, 4);

        Assert.True(Rules.Compile(Leaf(1)).Evaluate(customer));
        Assert.False(Rules.Compile(Leaf(2)).Evaluate(customer));
        Assert.False(Rules.Compile(Leaf(3)).Evaluate(customer));
    }

    [Fact]
    public void Fields_are_the_rule_fields_the_features_are_computed_from()
    {
        var rule = Rules.Compile("""
            { "all": [ { "field": "country", "op": "eq", "value": "DE" },
                       { "nearestCluster": { "cluster": 2, "features": ["averageOrderValue", "daysSinceLastPurchase", "probabilityAlive"],
                                             "means": [50, 30, 0.5], "scales": [10, 20, 0.2], "centroids": [[0, 0, 0], [1, 1, 1]] } } ] }
            """);

        Assert.Equal(
            ["country", "daysSinceLastPurchase", "probabilityAlive", "purchases", "revenue"],
            rule.Fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_written_leaf_reads_back_to_the_same_placement_to_the_last_bit()
    {
        double[] means = [0.1 + 0.2, 1.0 / 3], scales = [Math.PI, Math.E / 7];
        double[][] centroids = [[-1.0 / 3, 2.0 / 3], [0.7071067811865476, -1e-17], [1.0000000000000002, 5e-324]];

        var leaf = NearestClusterDefinition.Write("c-2", 2, ["revenue", "lifetimeValue"], means, scales, centroids);

        var parsed = Rules.Compile(leaf.GetRawText());
        var direct = new ClusterCentroids([BehaviouralFeatures.Find("revenue")!, BehaviouralFeatures.Find("lifetimeValue")!], means, scales, centroids);
        var random = new Random(4);
        for (var i = 0; i < 1_000; i++)
        {
            var customer = new CustomerFacts { Revenue = (decimal)(random.NextDouble() * 10), LifetimeValue = (decimal)(random.NextDouble() * 3) };
            Assert.Equal(direct.Place(customer, out _)!.Value.Nearest == 1, parsed.Evaluate(customer));
        }

        Assert.Equal(["lifetimeValue", "revenue"], parsed.Fields.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{ "nearestCluster": 3 }""", "$.nearestCluster", "nearestCluster takes an object")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "spend"], "means": [1, 2], "scales": [1, 1], "centroids": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.features[1]", "unknown feature 'spend'; features are daysSinceLastPurchase, purchases, revenue,")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "revenue"], "means": [1, 2], "scales": [1, 1], "centroids": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.features[1]", "'revenue' is listed twice")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "profit"], "means": [1], "scales": [1, 1], "centroids": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.means", "means takes the population mean of each feature: a list of 2 numbers")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "profit"], "means": [1, 2], "scales": [1, 0], "centroids": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.scales[1]", "a scale is a number above 0, not 0")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "profit"], "means": [1, "2"], "scales": [1, 1], "centroids": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.means[1]", "expected a number, not \"2\"")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "profit"], "means": [1, 2], "scales": [1, 1], "centroids": [[0, 0], [1]] } }""",
        "$.nearestCluster.centroids[1]", "a centroid is a list of 2 numbers")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "profit"], "means": [1, 2], "scales": [1, 1], "centroids": [[0, 0]] } }""",
        "$.nearestCluster.centroids", "centroids takes 2 to 10 centroids")]
    [InlineData("""{ "nearestCluster": { "cluster": 3, "features": ["revenue", "profit"], "means": [1, 2], "scales": [1, 1], "centroids": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.cluster", "cluster takes a cluster number from 1 to 2, not 3")]
    [InlineData("""{ "nearestCluster": { "features": ["revenue", "profit"], "means": [1, 2], "scales": [1, 1], "centroids": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.cluster", "nearestCluster needs the cluster customers must be nearest to")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue", "profit"], "means": [1, 2], "scales": [1, 1], "centroid": [[0, 0], [1, 1]] } }""",
        "$.nearestCluster.centroid", "unknown key 'centroid' (did you mean centroids?)")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "clustering": 7, "features": ["revenue"], "means": [1], "scales": [1], "centroids": [[0], [1]] } }""",
        "$.nearestCluster.clustering", "clustering takes the id of the clustering")]
    [InlineData("""{ "all": [ { "field": "country", "op": "exists" }, { "nearestCluster": { "cluster": 0, "features": ["revenue"], "means": [1], "scales": [1], "centroids": [[0], [1]] } } ] }""",
        "$.all[1].nearestCluster.cluster", "cluster takes a cluster number from 1 to 2, not 0")]
    [InlineData("""{ "nearestCluster": { "cluster": 1, "features": ["revenue"], "means": [1], "scales": [1], "centroids": [[0], [1]] }, "field": "country" }""",
        "$", "a rule is one of all, any, not or a comparison, but this one has nearestCluster and comparison")]
    public void A_bad_leaf_is_refused_at_the_bad_part(string json, string path, string message)
    {
        var errors = Rules.Errors(json);

        Assert.Contains(errors, error => error.Path == path && error.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_mistake_in_a_leaf_is_reported_at_once()
    {
        var errors = Rules.Errors("""
            { "nearestCluster": { "cluster": 11, "features": ["revenue", "spend"], "means": [1, 2], "scales": [-1, 1], "centroids": [[0, 0], [1, "x"]] } }
            """);

        Assert.Equal(
            ["$.nearestCluster.centroids[1][1]", "$.nearestCluster.cluster", "$.nearestCluster.features[1]", "$.nearestCluster.scales[0]"],
            errors.Select(error => error.Path).Order(StringComparer.Ordinal));
    }
}
