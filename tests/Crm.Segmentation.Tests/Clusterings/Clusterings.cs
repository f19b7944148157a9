using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Segmentation.Data;
using Crm.Testing;

namespace Crm.Segmentation.Tests.Clusterings;

/// <summary>Starting a clustering through the API and waiting for it to finish, as a client would.</summary>
internal static class Clusterings
{
    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<ClusteringJob> StartAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/api/segments/clusterings", Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var clustering = (await response.Content.ReadFromJsonAsync<ClusteringJob>(JsonSerializerOptions.Web))!;
        Assert.Equal($"/api/segments/clusterings/{clustering.Id}", response.Headers.Location?.OriginalString);
        return clustering;
    }

    /// <summary>The clustering once it has succeeded; a failure fails the test with the clustering's error.</summary>
    public static async Task<ClusteringJob> FinishedAsync(HttpClient client, Guid id)
    {
        var clustering = await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<ClusteringJob>($"/api/segments/clusterings/{id}", JsonSerializerOptions.Web))!,
            clustering => clustering.Status is ClusteringStatus.Succeeded or ClusteringStatus.Failed,
            TimeSpan.FromSeconds(60),
            because: $"for clustering {id} to finish");
        Assert.True(clustering.Status == ClusteringStatus.Succeeded, clustering.Error);
        return clustering;
    }

    public static async Task<ClusteringJob> RunAsync(HttpClient client, string body) =>
        await FinishedAsync(client, (await StartAsync(client, body)).Id);
}
