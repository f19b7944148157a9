using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Customers;
using Crm.Segmentation.Model;

namespace Crm.Segmentation.Tests;

/// <summary>Segments are saved only when valid, versioned on every change, and explain why a customer is in or out.</summary>
public sealed class SegmentsApiTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    private const string Governance = """
        "owner": "Retention team", "advisor": "Ada (analytics)",
        "strategy": { "serviceLevel": "priority", "preferredChannels": ["email", "phone"], "contactPolicy": "at most weekly", "objective": "win back" }
        """;

    [Fact]
    public async Task A_valid_segment_is_saved_as_version_1_and_a_revision_as_version_2()
    {
        var name = $"Valuable search customers {Guid.NewGuid():N}";
        var created = await fixture.Client.PostAsync("/api/segments", Json($$"""
            { "name": "{{name}}", {{Governance}},
              "rule": { "all": [ { "field": "acquisitionSource", "op": "eq", "value": "search" }, { "field": "lifetimeValue", "op": "gte", "value": 100 } ] } }
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var segment = (await created.Content.ReadFromJsonAsync<Segment>())!;
        Assert.Equal((1, "Retention team", "priority"), (segment.Version, segment.Owner, segment.Strategy.ServiceLevel));
        Assert.Equal(["acquisitionSource", "lifetimeValue"], segment.Fields);

        var revised = await fixture.Client.PutAsync($"/api/segments/{segment.Id}", Json($$"""
            { "name": "{{name}}", {{Governance}}, "rule": { "field": "lifetimeValue", "op": "gte", "value": 200 } }
            """));

        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal(2, (await revised.Content.ReadFromJsonAsync<Segment>())!.Version);
        Assert.Equal(2, await fixture.ScalarAsync<long>("select count(*) from segment_versions where segment_id = @Id", new { segment.Id }));
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Client.PostAsync("/api/segments", Json($$"""
            { "name": "{{name}}", {{Governance}}, "rule": { "field": "country", "op": "exists" } }
            """))).StatusCode);
    }

    [Theory]
    [InlineData("""{ "field": "rfm.recency", "op": "gte4", "value": 4 }""", "rule.op")]
    [InlineData("""{ "all": [ { "field": "lifetimeValue", "op": "gte", "value": 1 }, { "any": [ { "field": "nosuchfield", "op": "eq", "value": 1 } ] } ] }""", "rule.all[1].any[0].field")]
    [InlineData("""{ "field": "lifetimeValue", "op": "between", "value": [10] }""", "rule.value")]
    [InlineData("""{ "all": [] }""", "rule.all")]
    public async Task A_bad_rule_is_a_400_that_points_at_the_bad_part_and_saves_nothing(string rule, string field)
    {
        var before = await fixture.ScalarAsync<long>("select count(*) from segments");

        var response = await fixture.Client.PostAsync("/api/segments", Json($$"""{ "name": "Bad {{Guid.NewGuid():N}}", {{Governance}}, "rule": {{rule}} }"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {body}");
        Assert.Equal(before, await fixture.ScalarAsync<long>("select count(*) from segments"));
    }

    [Fact]
    public async Task Missing_governance_is_a_400_naming_each_missing_part()
    {
        var response = await fixture.Client.PostAsync("/api/segments", Json("""{ "name": "No owner", "rule": { "field": "country", "op": "exists" } }"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.All(new[] { "owner", "advisor", "strategy" }, field => Assert.True(errors.TryGetProperty(field, out _), $"{field}: {body}"));
    }

    [Fact]
    public async Task The_explanation_says_which_part_of_the_rule_held_and_which_failed()
    {
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(new CustomerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, customer, $"C-{customer:N}", "Someone", null, AcquisitionSource: "search", Country: "FR"));
        await fixture.FactsAsync<CustomerFactsView>(customer, _ => true);
        var created = await fixture.Client.PostAsync("/api/segments", Json($$"""
            { "name": "French search customers with consent {{Guid.NewGuid():N}}", {{Governance}},
              "rule": { "all": [ { "field": "country", "op": "eq", "value": "FR" }, { "field": "consent", "op": "contains", "value": "email:marketing" } ] } }
            """));
        var segment = (await created.Content.ReadFromJsonAsync<Segment>())!;

        var explanation = (await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/segments/{segment.Id}/customers/{customer}/explanation"))!;

        Assert.False(explanation.GetProperty("member").GetBoolean());
        var parts = explanation.GetProperty("rule").GetProperty("children").EnumerateArray().ToList();
        Assert.True(parts[0].GetProperty("held").GetBoolean());
        Assert.False(parts[1].GetProperty("held").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/segments/{segment.Id}/customers/{Guid.NewGuid()}/explanation")).StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
