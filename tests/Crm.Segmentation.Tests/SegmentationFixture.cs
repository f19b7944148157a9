using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Segmentation.Model;
using Crm.Testing;

namespace Crm.Segmentation.Tests;

/// <summary>The segmentation service with the stand-in publisher, as most tests use it.</summary>
public sealed class SegmentationFixture : SegmentationServiceFixture
{
    /// <summary>The customer's facts once <paramref name="ready"/> holds, as the API answers them.</summary>
    public Task<T> FactsAsync<T>(Guid customerId, Func<T, bool> ready) where T : class => Eventually.ReturnsAsync(
        async () =>
        {
            var response = await Client.GetAsync($"/api/segments/customers/{customerId}/facts");
            return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<T>())! : null!;
        },
        facts => facts is not null && ready(facts),
        because: $"for the facts of {customerId}");

    /// <summary>A segment of <paramref name="rule"/> under a fresh name, with its governance filled in.</summary>
    public async Task<Segment> CreateSegmentAsync(string rule)
    {
        var response = await Client.PostAsync("/api/segments", new StringContent($$"""
            { "name": "Segment {{Guid.NewGuid():N}}", "owner": "Owner", "advisor": "Advisor",
              "strategy": { "serviceLevel": "standard", "preferredChannels": ["email"], "contactPolicy": "monthly", "objective": "grow" },
              "rule": {{rule}} }
            """, Encoding.UTF8, "application/json"));
        return (await response.Content.ReadFromJsonAsync<Segment>(JsonSerializerOptions.Web))!;
    }
}
