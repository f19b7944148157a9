using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;

namespace Crm.Loyalty.Tests.Rewards;

/// <summary>The catalogue editors keep: created, replaced, read and listed; bad definitions refused field by field.</summary>
public sealed class CatalogueTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task A_created_reward_reads_back_as_defined_with_defaults_for_what_was_left_out()
    {
        var name = $"Cinema ticket {Guid.NewGuid():N}";

        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/rewards", new { name = $"  {name} ", costPoints = 750 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<Reward>(Json.Options))!;
        Assert.Equal($"/api/loyalty/rewards/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(name, created.Name);
        Assert.Equal(750, created.CostPoints);
        Assert.Null(created.Stock);
        Assert.Null(created.PerCustomerLimit);
        Assert.Null(created.VisibleToTiers);
        Assert.Null(created.VisibleToSegments);
        Assert.True(created.Active);
        var read = await fixture.GetRewardAsync(created.Id);
        Assert.Equivalent(created, read, strict: true);
    }

    [Fact]
    public async Task A_put_replaces_the_definition_and_sets_the_stock()
    {
        var reward = await fixture.CreateRewardAsync(cost: 100, stock: 5, perCustomerLimit: 1, tiers: ["gold"]);
        var name = $"Spa day {Guid.NewGuid():N}";

        var response = await fixture.Client.PutAsJsonAsync($"/api/loyalty/rewards/{reward.Id}", new
        {
            name,
            description = "A day at the spa",
            costPoints = 2000,
            stock = 12,
            visibleToSegments = new[] { "vip", "vip" },
            active = false,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await fixture.GetRewardAsync(reward.Id);
        Assert.Equal(name, updated.Name);
        Assert.Equal("A day at the spa", updated.Description);
        Assert.Equal(2000, updated.CostPoints);
        Assert.Equal(12, updated.Stock);
        Assert.Null(updated.PerCustomerLimit);
        Assert.Null(updated.VisibleToTiers);
        Assert.Equal(["vip"], updated.VisibleToSegments!);
        Assert.False(updated.Active);
        Assert.Equal(reward.CreatedAt, updated.CreatedAt);
        Assert.True(updated.UpdatedAt >= reward.UpdatedAt);
    }

    [Fact]
    public async Task An_unknown_reward_is_not_found()
    {
        var id = Guid.NewGuid();

        await (await fixture.Client.GetAsync($"/api/loyalty/rewards/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Client.PutAsJsonAsync($"/api/loyalty/rewards/{id}", new { name = "Nothing", costPoints = 1 })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_second_reward_with_the_same_name_in_any_case_is_a_conflict()
    {
        var reward = await fixture.CreateRewardAsync(cost: 100);
        var other = await fixture.CreateRewardAsync(cost: 100);

        var duplicate = await fixture.Client.PostAsJsonAsync("/api/loyalty/rewards", new { name = reward.Name.ToUpperInvariant(), costPoints = 5 });
        var renamed = await fixture.Client.PutAsJsonAsync($"/api/loyalty/rewards/{other.Id}", new { name = reward.Name, costPoints = 5 });

        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        await renamed.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(other.Name, (await fixture.GetRewardAsync(other.Id)).Name);
    }

    [Fact]
    public async Task The_catalogue_is_listed_a_page_at_a_time_without_repeats()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.CreateRewardAsync(cost: 10);
        }

        var seen = new List<Guid>();
        Guid? after = null;
        do
        {
            var page = (await fixture.Client.GetFromJsonAsync<RewardPage>($"/api/loyalty/rewards?limit=2{(after is null ? "" : $"&after={after}")}", Json.Options))!;
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(reward => reward.Id));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Count, await fixture.ScalarAsync<long>("select count(*) from rewards"));
        await (await fixture.Client.GetAsync("/api/loyalty/rewards?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bad_definition_is_refused_naming_every_wrong_field_and_stores_nothing()
    {
        var before = await fixture.ScalarAsync<long>("select count(*) from rewards");

        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/rewards", new
        {
            name = " ",
            description = new string('x', 2001),
            costPoints = 0,
            stock = -1,
            perCustomerLimit = 0,
            visibleToTiers = Array.Empty<string>(),
            visibleToSegments = new[] { "vip", "" },
        });

        var errors = await ErrorsAsync(response);
        Assert.Equal(
            ["costPoints", "description", "name", "perCustomerLimit", "stock", "visibleToSegments", "visibleToTiers"],
            errors.Order(StringComparer.Ordinal));
        Assert.Equal(before, await fixture.ScalarAsync<long>("select count(*) from rewards"));
    }

    [Fact]
    public async Task A_reward_costing_more_than_a_billion_points_is_refused_naming_the_cost()
    {
        var before = await fixture.ScalarAsync<long>("select count(*) from rewards");

        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/rewards", new { name = $"Island {Guid.NewGuid():N}", costPoints = long.MaxValue });
        var billion = await fixture.Client.PostAsJsonAsync("/api/loyalty/rewards", new { name = $"Yacht {Guid.NewGuid():N}", costPoints = 1_000_000_000 });

        Assert.Equal(["costPoints"], await ErrorsAsync(response));
        Assert.Equal(HttpStatusCode.Created, billion.StatusCode);
        Assert.Equal(before + 1, await fixture.ScalarAsync<long>("select count(*) from rewards"));
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\ud800")]
    public async Task A_name_description_or_audience_that_cannot_be_stored_is_refused_naming_each_and_stores_nothing(string unprintable)
    {
        var reward = await fixture.CreateRewardAsync(cost: 100);
        var before = await fixture.ScalarAsync<long>("select count(*) from rewards");
        var body = $$"""{ "name": "Mug{{unprintable}}", "description": "A mug{{unprintable}}", "costPoints": 10, "visibleToTiers": ["gold{{unprintable}}"] }""";

        var created = await fixture.Client.PostAsync("/api/loyalty/rewards", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var updated = await fixture.Client.PutAsync($"/api/loyalty/rewards/{reward.Id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("name", await ErrorsAsync(created));
        Assert.Contains("name", await ErrorsAsync(updated));
        Assert.Equal(before, await fixture.ScalarAsync<long>("select count(*) from rewards"));
        Assert.Equal(reward.Name, (await fixture.GetRewardAsync(reward.Id)).Name);
    }

    [Fact]
    public async Task A_description_with_a_nul_is_refused_naming_it_and_one_with_line_breaks_is_kept()
    {
        var nul = await fixture.Client.PostAsync("/api/loyalty/rewards", new StringContent(
            $$"""{ "name": "Mug {{Guid.NewGuid():N}}", "description": "A mug\u0000", "costPoints": 10, "visibleToSegments": ["vip\u0000"] }""",
            System.Text.Encoding.UTF8, "application/json"));
        var lines = await fixture.Client.PostAsJsonAsync("/api/loyalty/rewards", new { name = $"Mug {Guid.NewGuid():N}", description = "A mug.\nDishwasher safe.", costPoints = 10 });

        Assert.Equal(["description", "visibleToSegments"], (await ErrorsAsync(nul)).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Created, lines.StatusCode);
        Assert.Equal("A mug.\nDishwasher safe.", (await lines.Content.ReadFromJsonAsync<Reward>(Json.Options))!.Description);
    }

    [Fact]
    public async Task A_body_that_is_not_the_expected_json_is_refused_naming_the_field()
    {
        var reward = await fixture.CreateRewardAsync(cost: 100, stock: 3);

        using var content = new StringContent("""{ "name": "Mug", "costPoints": "many" }""", System.Text.Encoding.UTF8, "application/json");
        var created = await fixture.Client.PostAsync("/api/loyalty/rewards", content);
        using var update = new StringContent("""{ "name": "Mug", "costPoints": 10, "stock": 1.5 }""", System.Text.Encoding.UTF8, "application/json");
        var updated = await fixture.Client.PutAsync($"/api/loyalty/rewards/{reward.Id}", update);

        Assert.Equal(["costPoints"], await ErrorsAsync(created));
        Assert.Equal(["stock"], await ErrorsAsync(updated));
        Assert.Equal(3, (await fixture.GetRewardAsync(reward.Id)).Stock);
    }

    private static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.ProblemAsync(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(body);
        return [.. problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name)];
    }
}
