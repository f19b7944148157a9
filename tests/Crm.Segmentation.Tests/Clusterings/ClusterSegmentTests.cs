using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Testing;

namespace Crm.Segmentation.Tests.Clusterings;

/// <summary>
/// A cluster saved as a segment: its members are exactly the cluster's customers, they move as their facts move, the
/// explanation says where a customer fell, and a save without governance or of a cluster that does not exist is refused.
/// </summary>
public sealed class ClusterSegmentTests(ClusteringPopulation population) : IClassFixture<ClusteringPopulation>
{
    private const string Governance = """
        "owner": "Value team", "advisor": "Analytics",
        "strategy": { "serviceLevel": "standard", "preferredChannels": ["email"], "contactPolicy": "monthly", "objective": "grow value" }
        """;

    private const string ValueClustering = """{ "features": ["lifetimeValue", "probabilityAlive", "profit"], "kMin": 2, "kMax": 5 }""";

    private HttpClient Client => population.Service.Client;

    [Fact]
    public async Task Each_cluster_saved_as_a_segment_has_exactly_its_customers_and_a_customer_whose_values_move_changes_segment()
    {
        var clustering = await Clusterings.RunAsync(Client, ValueClustering);
        Assert.Equal(3, clustering.ChosenK);

        var segments = new List<Segment>();
        foreach (var cluster in clustering.Clusters)
        {
            var response = await Client.PostAsync(
                $"/api/segments/clusterings/{clustering.Id}/clusters/{cluster.Cluster}/segment",
                Clusterings.Json($$"""{ "name": "Cluster {{cluster.Cluster}} {{Guid.NewGuid():N}}", {{Governance}} }"""));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var segment = (await response.Content.ReadFromJsonAsync<Segment>(JsonSerializerOptions.Web))!;
            Assert.Equal($"/api/segments/{segment.Id}", response.Headers.Location?.OriginalString);
            Assert.Equal(["lifetimeValue", "probabilityAlive", "profit"], segment.Fields);
            Assert.Equal(cluster.Cluster, segment.Rule.GetProperty("nearestCluster").GetProperty("cluster").GetInt32());
            Assert.Contains(cluster.Label, segment.Description, StringComparison.Ordinal);
            segments.Add(segment);
        }

        // Exactly the cluster's customers: each group of the population, whole, in one segment and nowhere else.
        var members = new List<HashSet<Guid>>();
        foreach (var (segment, cluster) in segments.Zip(clustering.Clusters))
        {
            members.Add(await Eventually.ReturnsAsync(() => MembersAsync(segment.Id), found => found.Count == cluster.Size, because: "for the first evaluation"));
        }

        var groups = Enumerable.Range(0, 3)
            .Select(group => population.Customers.Where((_, i) => population.TrueGroups[i] == group).ToHashSet())
            .ToList();
        Assert.All(members, found => Assert.Contains(groups, group => group.SetEquals(found)));
        Assert.Equal(ClusteringPopulation.Valued, members.Sum(found => found.Count));

        // A customer of the first segment whose values move to the centre of the second's group leaves the first and enters the second.
        var moving = members[0].First();
        var destination = groups.FindIndex(group => group.SetEquals(members[1]));
        var centre = ClusteringPopulation.Groups[destination].Centre;
        await population.Service.PublishAsync(ClusteringPopulation.Valuation([moving], [centre]));

        await Eventually.ReturnsAsync(() => MembersAsync(segments[0].Id), found => !found.Contains(moving), because: "for the customer to leave");
        await Eventually.ReturnsAsync(() => MembersAsync(segments[1].Id), found => found.Contains(moving), because: "for the customer to enter");
        var log = (await Client.GetFromJsonAsync<MembershipPage<MembershipLogEntry>>($"/api/segments/{segments[0].Id}/changes?limit=1000", JsonSerializerOptions.Web))!.Items;
        Assert.Contains(log, entry => entry.CustomerId == moving && entry.Change == "left" && entry.Reason == "rule v1 no longer holds");

        var why = await Client.GetFromJsonAsync<JsonElement>($"/api/segments/{segments[0].Id}/customers/{moving}/explanation");
        Assert.False(why.GetProperty("member").GetBoolean());
        Assert.StartsWith($"nearest to cluster {clustering.Clusters[1].Cluster} (distance ", why.GetProperty("rule").GetProperty("actual").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_cluster_needs_governance_a_free_name_a_finished_clustering_and_a_cluster_it_has()
    {
        var clustering = await Clusterings.RunAsync(Client, ValueClustering);
        var path = $"/api/segments/clusterings/{clustering.Id}/clusters/1/segment";
        var before = await population.Service.ScalarAsync<long>("select count(*) from segments");

        var ungoverned = await Client.PostAsync(path, Clusterings.Json("""{ "name": "No owner" }"""));
        var beyond = await Client.PostAsync($"/api/segments/clusterings/{clustering.Id}/clusters/{clustering.Clusters.Count + 1}/segment",
            Clusterings.Json($$"""{ "name": "Beyond {{Guid.NewGuid():N}}", {{Governance}} }"""));
        var unknown = await Client.PostAsync($"/api/segments/clusterings/{Guid.NewGuid()}/clusters/1/segment",
            Clusterings.Json($$"""{ "name": "Unknown {{Guid.NewGuid():N}}", {{Governance}} }"""));

        Assert.Equal(HttpStatusCode.BadRequest, ungoverned.StatusCode);
        var errors = JsonDocument.Parse(await ungoverned.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.All(new[] { "owner", "advisor", "strategy" }, field => Assert.True(errors.TryGetProperty(field, out _), field));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Contains($"has clusters 1 to {clustering.Clusters.Count}", await beyond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before, await population.Service.ScalarAsync<long>("select count(*) from segments"));

        var name = $"Taken {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsync(path, Clusterings.Json($$"""{ "name": "{{name}}", {{Governance}} }"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Client.PostAsync(path, Clusterings.Json($$"""{ "name": "{{name}}", {{Governance}} }"""))).StatusCode);
    }

    [Fact]
    public async Task A_cluster_of_a_clustering_still_running_cannot_be_saved_yet()
    {
        // A clustering another replica is still fitting, as this service's table holds it.
        var running = Guid.CreateVersion7();
        await population.Service.ScalarAsync<int>(
            """
            insert into clusterings (id, status, phase, features, k_min, k_max, seed, created_at)
            values (@running, 'running', 'fitting k = 3 (2..10)', '{lifetimeValue}', 2, 10, 1, now())
            """, new { running });

        var response = await Client.PostAsync($"/api/segments/clusterings/{running}/clusters/1/segment",
            Clusterings.Json($$"""{ "name": "Too early {{Guid.NewGuid():N}}", {{Governance}} }"""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("is running", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_segment_posted_with_a_bad_nearest_cluster_rule_is_refused_at_the_bad_part()
    {
        var response = await Client.PostAsync("/api/segments", Clusterings.Json($$"""
            { "name": "Hand-made cluster {{Guid.NewGuid():N}}", {{Governance}},
              "rule": { "nearestCluster": { "cluster": 1, "features": ["lifetimeValue"], "means": [500], "scales": [0], "centroids": [[-1], [1]] } } }
            """));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("rule.nearestCluster.scales[0]", out _), body);
    }

    private async Task<HashSet<Guid>> MembersAsync(Guid segmentId) =>
        [.. (await Client.GetFromJsonAsync<MembershipPage<Guid>>($"/api/segments/{segmentId}/members?limit=1000", JsonSerializerOptions.Web))!.Items];
}
