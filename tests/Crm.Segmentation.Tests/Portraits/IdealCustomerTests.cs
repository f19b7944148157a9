using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Customers;
using Crm.Contracts.Profitability;
using Crm.Segmentation.Model.Portraits;
using static Crm.Segmentation.Tests.Portraits.PortraitSeeding;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>
/// The ideal customer is the portrait of the segment with the highest average profit per member (among segments
/// big enough), and every customer is scored by how closely they resemble it (this class's database holds only the
/// customers and segments seeded here).
/// </summary>
public sealed class IdealCustomerTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    [Fact]
    public async Task The_most_profitable_big_enough_segment_is_the_ideal_and_its_closest_look_alike_ranks_first()
    {
        // Stars: 30 customers spread evenly around lifetime value 1000, profit 200, P(alive) 0.8, five purchase days
        // worth 100, the last ten days ago. Steady: 30 customers worth 300 with profit 50. Rich few: 5 customers with
        // profit 1000 each — too few to count. The twin is in no segment and exactly at the stars' centre.
        var stars = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        var steady = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        var richFew = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var twin = Guid.NewGuid();
        await fixture.PublishAsync(Imported([
            .. stars.Select(id => Registered(id, "SX")), .. steady.Select(id => Registered(id, "ST")),
            .. richFew.Select(id => Registered(id, "RF")), Registered(twin, "TW")]));
        var starValues = stars.Select((id, i) => (Id: id, Sign: i % 2 == 0 ? 1 : -1, Step: i / 2 + 1)).ToArray();
        var values = Values([
            .. starValues.Select(s => Valued(s.Id, 1000m + s.Sign * 10m * s.Step, 200m + s.Sign * 5m * s.Step, 0.8 + s.Sign * 0.01 * s.Step)),
            .. steady.Select(id => Valued(id, 300m, 50m, 0.5, ChurnRiskBands.Medium)),
            .. richFew.Select(id => Valued(id, 5000m, 1000m)),
            Valued(twin, 1000m, 200m, 0.8)]);
        var purchases = Transactions([
            .. starValues.SelectMany(s => Buys(s.Id, days: 5 + s.Sign * (s.Step % 3), lastDaysAgo: 10 + s.Sign * (s.Step % 5))),
            .. steady.Select(id => Sale(id, 100, 20m, "store")),
            .. Buys(twin, days: 5, lastDaysAgo: 10)]);
        await fixture.PublishAsync(values, purchases);
        await fixture.WaitForConsumedAsync(values.EventId, purchases.EventId);

        var small = await fixture.SaveSegmentAsync("Rich few", """{ "field": "country", "op": "eq", "value": "RF" }""");
        await fixture.WaitForMembersAsync(small.Id, 5);
        await AssertNoIdealCustomerYetAsync(twin);

        var steadySegment = await fixture.SaveSegmentAsync("Steady", """{ "field": "country", "op": "eq", "value": "ST" }""");
        var starSegment = await fixture.SaveSegmentAsync("Stars", """{ "field": "country", "op": "eq", "value": "SX" }""");
        await fixture.WaitForMembersAsync(steadySegment.Id, 30);
        await fixture.WaitForMembersAsync(starSegment.Id, 30);

        var ideal = (await fixture.Client.GetFromJsonAsync<IdealCustomer>("/api/segments/ideal-customer"))!;

        Assert.Equal((starSegment.Id, 30L, 200m), (ideal.Segment.SegmentId, ideal.Segment.Members, ideal.Segment.AverageProfit));
        Assert.Equal([starSegment.Id, steadySegment.Id], ideal.Candidates.Select(candidate => candidate.SegmentId));
        Assert.StartsWith($"'{starSegment.Name}' has the highest average profit per member (200.00 over 30 members)", ideal.Reason);
        Assert.Equal((starSegment.Id, 30L), (ideal.Portrait.SegmentId, ideal.Portrait.Members));
        var profile = ideal.Profile.ToDictionary(feature => feature.Feature);
        Assert.Equal(LookAlikeFeatures.All, ideal.Profile.Select(feature => feature.Feature));
        Assert.All(ideal.Profile, feature => Assert.True(feature.Used, feature.Feature));
        Assert.Equal(200, profile[LookAlikeFeatures.Profit].SegmentMean!.Value, 9);
        Assert.Equal(10, profile[LookAlikeFeatures.RecencyDays].SegmentMean!.Value, 9);
        Assert.True(profile[LookAlikeFeatures.Profit].StandardisedMean > 0, "the stars are more profitable than the average customer");
        Assert.True(profile[LookAlikeFeatures.RecencyDays].StandardisedMean < 0, "the stars bought more recently than the average customer");

        var first = (await fixture.Client.GetFromJsonAsync<LookAlikePage>("/api/segments/ideal-customer/look-alikes?limit=5"))!;
        var second = (await fixture.Client.GetFromJsonAsync<LookAlikePage>($"/api/segments/ideal-customer/look-alikes?limit=5&after={first.Next}"))!;

        Assert.Equal(twin, first.Items[0].CustomerId);
        Assert.Equal(1, first.Items[0].Score, 9);
        LookAlikeCustomer[] ranked = [.. first.Items, .. second.Items];
        Assert.Equal(10, ranked.Select(item => item.CustomerId).Distinct().Count());
        Assert.Equal(ranked.OrderByDescending(item => item.Score), ranked);
        Assert.All(ranked.Skip(1), item => Assert.Contains(item.CustomerId, stars));

        var twinLookAlike = (await fixture.Client.GetFromJsonAsync<CustomerLookAlike>($"/api/segments/customers/{twin}/look-alike"))!;
        var steadyLookAlike = (await fixture.Client.GetFromJsonAsync<CustomerLookAlike>($"/api/segments/customers/{steady[0]}/look-alike"))!;

        Assert.Equal(first.Items[0].Score, twinLookAlike.Score, 12);
        Assert.All(twinLookAlike.Features, feature => Assert.Equal(0, feature.Distance, 9));
        Assert.Equal(LookAlikeScore.Of(steadyLookAlike.MeanSquaredDistance), steadyLookAlike.Score, 12);
        Assert.True(steadyLookAlike.Score < ranked[^1].Score, "a steady customer looks less like the ideal than the stars");
        Assert.True(steadyLookAlike.Features.Single(feature => feature.Feature == LookAlikeFeatures.Profit).Distance < 0, "steady customers bring less profit");
        await AssertNotFoundAsync($"/api/segments/customers/{Guid.NewGuid()}/look-alike", "Customer not known");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=somewhere", "after")]
    public async Task A_bad_look_alike_page_request_is_a_400_naming_the_parameter(string query, string field)
    {
        var response = await fixture.Client.GetAsync($"/api/segments/ideal-customer/look-alikes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task AssertNoIdealCustomerYetAsync(Guid customer)
    {
        await AssertNotFoundAsync("/api/segments/ideal-customer", "No ideal customer yet");
        await AssertNotFoundAsync("/api/segments/ideal-customer/look-alikes", "No ideal customer yet");
        await AssertNotFoundAsync($"/api/segments/customers/{customer}/look-alike", "No ideal customer yet");
    }

    private async Task AssertNotFoundAsync(string path, string title)
    {
        var response = await fixture.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    /// <summary>Purchases worth 20 on <paramref name="days"/> days two apart, the last <paramref name="lastDaysAgo"/> days ago.</summary>
    private static IEnumerable<RecordedTransaction> Buys(Guid customerId, int days, int lastDaysAgo) =>
        Enumerable.Range(0, days).Select(day => Sale(customerId, lastDaysAgo + 2 * day, 20m));
}
