using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Model.Clustering;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Clusterings;

/// <summary>
/// Clustering through the API: the number of groups is found and the groups recovered, each k's evidence is shown,
/// customers without a value are left out and counted, and bad requests are refused with nothing stored.
/// </summary>
public sealed class ClusteringsApiTests(ClusteringPopulation population) : IClassFixture<ClusteringPopulation>
{
    private const string ValueFeatures = """ "features": ["lifetimeValue", "probabilityAlive", "profit"] """;

    private HttpClient Client => population.Service.Client;

    [Fact]
    public async Task Automatic_k_finds_the_three_groups_recovers_them_and_shows_every_ks_scores()
    {
        var started = await Clusterings.StartAsync(Client, $$"""{ {{ValueFeatures}}, "kMin": 2, "kMax": 6, "seed": 3 }""");
        Assert.Equal((5, 0), (started.Progress.KTotal, started.Progress.KFitted));

        var clustering = await Clusterings.FinishedAsync(Client, started.Id);

        Assert.Equal(3, clustering.ChosenK);
        Assert.Equal(("done", 5), (clustering.Phase, clustering.Progress.KFitted));
        Assert.Equal([2, 3, 4, 5, 6], clustering.Scores.Select(score => score.K));
        Assert.All(clustering.Scores, score =>
        {
            Assert.InRange(score.Silhouette, -1, 1);
            Assert.True(score.DaviesBouldin > 0);
            Assert.Equal((ClusteringPopulation.Valued, false), (score.SilhouetteCustomers, score.SilhouetteSampled));
        });
        Assert.Equal(clustering.Scores.Max(score => score.Silhouette), clustering.Scores.Single(score => score.K == 3).Silhouette);
        Assert.Equal(clustering.Scores.Min(score => score.DaviesBouldin), clustering.Scores.Single(score => score.K == 3).DaviesBouldin);

        Assert.Equal(3, clustering.Clusters.Count);
        Assert.Equal(ClusteringPopulation.Valued, clustering.Clusters.Sum(cluster => cluster.Size));
        Assert.Equal(1, clustering.Clusters.Sum(cluster => cluster.Share), 9);
        Assert.Equal([1, 2, 3], clustering.Clusters.Select(cluster => cluster.Cluster));
        // Each cluster's average customer is one group's centre, in the features' own units.
        Assert.Equal(
            ClusteringPopulation.Groups.Select(group => group.Centre[0]).Order(),
            clustering.Clusters.Select(cluster => Math.Round(cluster.Centroid["lifetimeValue"] / 50) * 50).Order());
        Assert.Equal(ClusteringPopulation.Features, clustering.Clusters[0].Centroid.Keys);
        Assert.All(clustering.Clusters, cluster => Assert.False(string.IsNullOrWhiteSpace(cluster.Label)));
        var byValue = clustering.Clusters.OrderBy(cluster => cluster.Centroid["lifetimeValue"]).ToList();
        Assert.Contains("likely lapsed", byValue[0].Label, StringComparison.Ordinal);
        Assert.StartsWith("high profit", byValue[^1].Label, StringComparison.Ordinal);

        // The clusters recover the groups: every customer placed by the centroids the API reports.
        var centroids = new ClusterCentroids(
            [.. ClusteringPopulation.Features.Select(name => BehaviouralFeatures.Find(name)!)],
            [.. ClusteringPopulation.Features.Select(name => clustering.Standardisation!.Means[name])],
            [.. ClusteringPopulation.Features.Select(name => clustering.Standardisation!.Scales[name])],
            [.. clustering.Clusters.Select(cluster => ClusteringPopulation.Features.Select(name => cluster.ZScores[name]).ToArray())]);
        int[] labels = [.. population.Values.Select(values => centroids.Place(values).Nearest)];
        Assert.True(AdjustedRandIndex.Of(labels, population.TrueGroups) > 0.9);
        Assert.Equal(clustering.Clusters.Select(cluster => cluster.Size), Enumerable.Range(0, 3).Select(c => labels.Count(label => label == c)));
    }

    [Fact]
    public async Task Customers_without_a_value_for_a_chosen_feature_are_left_out_and_counted()
    {
        var clustering = await Clusterings.RunAsync(Client, $$"""{ {{ValueFeatures}}, "kMax": 4 }""");

        var customers = clustering.Customers!;
        Assert.Equal(
            (ClusteringPopulation.Valued + ClusteringPopulation.NotValued, ClusteringPopulation.Valued, ClusteringPopulation.NotValued),
            (customers.Read, customers.Clustered, customers.Excluded));
        Assert.Equal(ClusteringPopulation.NotValued, customers.MissingByFeature["lifetimeValue"]);
        Assert.Equal(ClusteringPopulation.Valued, clustering.Clusters.Sum(cluster => cluster.Size));
        Assert.Equal((2, 4, 1), (clustering.KMin, clustering.KMax, clustering.Seed));
    }

    [Theory]
    [InlineData("""{ "features": ["lifetimeValue", "spend"] }""", 400, "features[1]", "unknown feature 'spend'; features are daysSinceLastPurchase, purchases, revenue, averageOrderValue,")]
    [InlineData("""{ "features": ["profit", "profit"] }""", 400, "features[1]", "'profit' is listed twice")]
    [InlineData("""{ "features": [] }""", 400, "features", "must list at least one feature")]
    [InlineData("""{ "kMin": 6, "kMax": 3 }""", 400, "kMin", "must be at most kMax (3), not 6")]
    [InlineData("""{ "kMin": 1 }""", 400, "kMin", "must be between 2 and 10")]
    [InlineData("""{ "kMax": 11 }""", 400, "kMax", "must be between 2 and 10")]
    // No customer has bought anything, so none has days since a last purchase: all features by default leaves nobody.
    [InlineData("""{ }""", 422, "kMax", "only 0 customers have a value for every chosen feature")]
    public async Task A_bad_request_is_refused_naming_the_problem_and_nothing_is_stored(string body, int status, string field, string message)
    {
        var before = await population.Service.ScalarAsync<long>("select count(*) from clusterings");

        var response = await Client.PostAsync("/api/segments/clusterings", Clusterings.Json(body));

        var problem = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, problem);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(problem).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), problem);
        Assert.StartsWith(message, messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await population.Service.ScalarAsync<long>("select count(*) from clusterings"));
    }

    [Fact]
    public async Task Clusterings_are_listed_newest_first_a_page_at_a_time_and_an_unknown_one_is_a_404()
    {
        var older = await Clusterings.StartAsync(Client, $$"""{ {{ValueFeatures}}, "kMax": 3 }""");
        var newer = await Clusterings.StartAsync(Client, $$"""{ {{ValueFeatures}}, "kMax": 3 }""");

        var first = (await Client.GetFromJsonAsync<ClusteringPage>("/api/segments/clusterings?limit=1", JsonSerializerOptions.Web))!;
        var second = (await Client.GetFromJsonAsync<ClusteringPage>($"/api/segments/clusterings?limit=1&after={first.Next}", JsonSerializerOptions.Web))!;

        Assert.Equal(newer.Id, Assert.Single(first.Items).Id);
        Assert.Equal(older.Id, Assert.Single(second.Items).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/segments/clusterings/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/segments/clusterings?limit=0")).StatusCode);
        await Clusterings.FinishedAsync(Client, newer.Id);
    }
}
