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

    [Fact]
    public async Task Parallel_revisions_all_save_and_each_answers_the_version_it_saved()
    {
        var name = $"Busy segment {Guid.NewGuid():N}";
        var segment = await CreateAsync(name, """{ "field": "lifetimeValue", "op": "gte", "value": 0 }""");

        // Forty editors save at once, each a different threshold: every save is a version of its own.
        var responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(async threshold =>
        {
            var response = await fixture.Client.PutAsync($"/api/segments/{segment.Id}", Json($$"""
                { "name": "{{name}}", {{Governance}}, "rule": { "field": "lifetimeValue", "op": "gte", "value": {{threshold}} } }
                """));
            return (threshold, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK, $"{r.StatusCode}: {r.Body}"));
        var saved = responses.Select(r => (r.threshold, Segment: JsonSerializer.Deserialize<Segment>(r.Body, JsonSerializerOptions.Web)!)).ToList();
        Assert.Equal(Enumerable.Range(2, 40), saved.Select(s => s.Segment.Version).Order());
        // Each answer is the version its own request created: its rule is the one that request sent, as stored.
        Assert.All(saved, s => Assert.Equal(s.threshold, s.Segment.Rule.GetProperty("value").GetInt32()));
        foreach (var (threshold, saving) in saved)
        {
            Assert.Equal(threshold, await fixture.ScalarAsync<int>(
                "select (rule->>'value')::integer from segment_versions where segment_id = @Id and version = @Version", new { saving.Id, saving.Version }));
        }

        Assert.Equal(41, (await fixture.Client.GetFromJsonAsync<Segment>($"/api/segments/{segment.Id}"))!.Version);
    }

    [Fact]
    public async Task Two_segments_renamed_to_one_name_at_once_are_one_save_and_one_409()
    {
        // Rounds of two renames racing for a name nobody has: exactly one wins each time, the other is told why.
        for (var round = 0; round < 10; round++)
        {
            var first = await CreateAsync($"First {Guid.NewGuid():N}", """{ "field": "country", "op": "exists" }""");
            var second = await CreateAsync($"Second {Guid.NewGuid():N}", """{ "field": "country", "op": "exists" }""");
            var contested = $"Contested {Guid.NewGuid():N}";

            var answers = await Task.WhenAll(new[] { first, second }.Select(segment => fixture.Client.PutAsync($"/api/segments/{segment.Id}", Json($$"""
                { "name": "{{contested}}", {{Governance}}, "rule": { "field": "country", "op": "exists" } }
                """))));

            var statuses = answers.Select(answer => answer.StatusCode).Order().ToArray();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            var conflict = answers.Single(answer => answer.StatusCode == HttpStatusCode.Conflict);
            Assert.Equal("Segment name taken", JsonDocument.Parse(await conflict.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
            Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from segments where name = @contested", new { contested }));
        }
    }

    [Fact]
    public async Task A_name_taken_by_another_segment_is_a_409_on_revision_too()
    {
        var taken = await CreateAsync($"Taken {Guid.NewGuid():N}", """{ "field": "country", "op": "exists" }""");
        var other = await CreateAsync($"Other {Guid.NewGuid():N}", """{ "field": "country", "op": "exists" }""");

        var response = await fixture.Client.PutAsync($"/api/segments/{other.Id}", Json($$"""
            { "name": "{{taken.Name}}", {{Governance}}, "rule": { "field": "country", "op": "exists" } }
            """));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1, (await fixture.Client.GetFromJsonAsync<Segment>($"/api/segments/{other.Id}"))!.Version);
    }

    [Fact]
    public async Task A_revision_sent_with_the_etag_of_an_older_version_is_a_412_and_saves_nothing()
    {
        var created = await fixture.Client.PostAsync("/api/segments", Json($$"""
            { "name": "Edited twice {{Guid.NewGuid():N}}", {{Governance}}, "rule": { "field": "country", "op": "exists" } }
            """));
        var firstTag = created.Headers.ETag!.Tag;
        var segment = (await created.Content.ReadFromJsonAsync<Segment>())!;
        Assert.Equal("\"1\"", firstTag);

        var ours = await ReviseAsync(segment, firstTag, "gte", 100);
        var theirs = await ReviseAsync(segment, firstTag, "gte", 500);
        var unconditional = await ReviseAsync(segment, null, "gte", 700);

        Assert.Equal((HttpStatusCode.OK, "\"2\""), (ours.StatusCode, ours.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, theirs.StatusCode);
        Assert.Equal("Segment changed", JsonDocument.Parse(await theirs.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, unconditional.StatusCode);
        var read = await fixture.Client.GetAsync($"/api/segments/{segment.Id}");
        Assert.Equal("\"3\"", read.Headers.ETag!.Tag);
        Assert.Equal([100, 700], await fixture.QueryAsync<int>(
            "select (rule->>'value')::integer from segment_versions where segment_id = @Id and version > 1 order by version", new { segment.Id }));
    }

    private Task<HttpResponseMessage> ReviseAsync(Segment segment, string? ifMatch, string op, int value)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/segments/{segment.Id}")
        {
            Content = Json($$"""{ "name": "{{segment.Name}}", {{Governance}}, "rule": { "field": "lifetimeValue", "op": "{{op}}", "value": {{value}} } }"""),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return fixture.Client.SendAsync(request);
    }

    [Fact]
    public async Task Every_saved_version_is_announced_with_its_name_and_the_name_before_and_a_refused_save_announces_nothing()
    {
        var gold = await CreateAsync($"Gold {Guid.NewGuid():N}", """{ "field": "country", "op": "exists" }""");
        var taken = await CreateAsync($"Taken {Guid.NewGuid():N}", """{ "field": "country", "op": "exists" }""");
        var premium = $"Premium {Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PutAsync($"/api/segments/{gold.Id}", Json($$"""
            { "name": "{{premium}}", {{Governance}}, "rule": { "field": "country", "op": "exists" } }
            """))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Client.PutAsync($"/api/segments/{gold.Id}", Json($$"""
            { "name": "{{taken.Name}}", {{Governance}}, "rule": { "field": "country", "op": "exists" } }
            """))).StatusCode);

        var announced = await fixture.QueryAsync<(int Version, string Name, string? PreviousName)>(
            """
            select (payload::json->>'version')::integer, payload::json->>'name', payload::json->>'previousName'
            from outbox where message_type like '%SegmentRevised%' and payload::json->>'segmentId' = @Id order by 1
            """, new { Id = gold.Id.ToString() });
        Assert.Equal([(1, gold.Name, null), (2, premium, gold.Name)], announced);
    }

    [Theory]
    [InlineData("""{ "field": "acquisitionSource", "op": "eq", "value": "Z\u0000Z" }""", "rule.value")]
    [InlineData("""{ "field": "acquisitionSource", "op": "eq", "value": "\ud800" }""", "rule.value")]
    [InlineData("""{ "all": [ { "field": "country", "op": "in", "value": ["FR", "\udc00x"] } ] }""", "rule.all[0].value[1]")]
    [InlineData("""{ "field": "attributes.tier\u0000", "op": "exists" }""", "rule.field")]
    [InlineData("""{ "field": "country", "op": "exists", "\ud800": 1 }""", "rule")]
    public async Task Text_a_rule_cannot_hold_is_a_400_naming_its_place_and_saves_nothing(string rule, string field)
    {
        var name = $"Unstorable {Guid.NewGuid():N}";

        var response = await fixture.Client.PostAsync("/api/segments", Json($$"""{ "name": "{{name}}", {{Governance}}, "rule": {{rule}} }"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {body}");
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from segments where name = @name", new { name }));
    }

    [Theory]
    [InlineData("\\u0000", "", "description")]
    [InlineData("\\ud800", "", null)]
    [InlineData("", "\\u0000", "strategy.preferredChannels")]
    [InlineData("", "\\ud800", null)]
    public async Task Governance_text_with_nul_or_a_lone_surrogate_is_a_400_and_saves_nothing(string inDescription, string inChannel, string? field)
    {
        var name = $"Unstorable governance {Guid.NewGuid():N}";

        var response = await fixture.Client.PostAsync("/api/segments", Json($$"""
            { "name": "{{name}}", "description": "About{{inDescription}}", "owner": "Retention team", "advisor": "Ada",
              "strategy": { "serviceLevel": "priority", "preferredChannels": ["email{{inChannel}}"], "contactPolicy": "weekly", "objective": "win back" },
              "rule": { "field": "country", "op": "exists" } }
            """));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        // A lone surrogate is not text: the body cannot be read at all. NUL is text the field refuses.
        if (field is not null)
        {
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {body}");
        }

        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from segments where name = @name", new { name }));
    }

    [Theory]
    [InlineData("members")]
    [InlineData("changes")]
    public async Task The_members_and_changes_of_an_unknown_segment_are_a_404(string list)
    {
        var response = await fixture.Client.GetAsync($"/api/segments/{Guid.NewGuid()}/{list}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Segment not found", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    private async Task<Segment> CreateAsync(string name, string rule)
    {
        var response = await fixture.Client.PostAsync("/api/segments", Json($$"""{ "name": "{{name}}", {{Governance}}, "rule": {{rule}} }"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Segment>())!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
