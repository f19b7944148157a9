using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Contracts.Segmentation;
using Crm.Loyalty.Apis;

namespace Crm.Loyalty.Tests.Programme;

/// <summary>The what-if replays past sales with and without a proposed promotion, on a service of its own (the replay reads every sale).</summary>
public sealed class PromotionWhatIfTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task Triple_points_on_toys_for_a_segment_costs_the_extra_base_points_of_its_members_toys_only()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        var family = await fixture.RegisterAsync();
        var single = await fixture.RegisterAsync();
        var entered = new SegmentMembershipsChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow,
            [new SegmentMembershipChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, family, Guid.NewGuid(), "young families", 1, MembershipChanges.Entered, "rule holds")]);
        await fixture.PublishAsync(entered);
        var basket = Basket(family, channel, ("toys", 100m), ("books", 50m));
        await fixture.PublishAsync(Purchases.Recorded(basket, Basket(single, channel, ("toys", 80m)), Basket(family, channel, ("books", 20m))));
        await fixture.ConsumedAsync(entered.EventId);
        await fixture.AccountAsync(family, a => a.Balance == 170);

        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/simulations", new
        {
            promotion = new
            {
                name = "toy fortnight",
                kind = "multiplier",
                priority = 20,
                factor = 3,
                effectiveFrom = DateTimeOffset.UtcNow.AddDays(30),
                effectiveTo = DateTimeOffset.UtcNow.AddDays(44),
                target = new { segments = new[] { "young families" }, categories = new[] { "toys" } },
            },
            costPerPoint = 0.02m,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var whatIf = (await response.Content.ReadFromJsonAsync<PromotionWhatIf>(Json.Options))!;
        Assert.Equal(3, whatIf.Simulation.Transactions);
        Assert.Equal(200, whatIf.Simulation.ExtraPoints);
        Assert.Equal(1, whatIf.Simulation.AffectedTransactions);
        Assert.Equal(1, whatIf.Simulation.AffectedCustomers);
        Assert.Equal(4.00m, whatIf.ExtraLiability);
        Assert.True(whatIf.ExpectedCost <= whatIf.ExtraLiability);
    }

    [Fact]
    public async Task A_period_written_with_an_offset_replays_the_same_instants_as_in_utc()
    {
        var from = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-20).Date, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.FromHours(2));

        var withOffset = await SimulateAsync(from, to);
        var inUtc = await SimulateAsync(from.ToUniversalTime(), to.ToUniversalTime());

        var body = await withOffset.Content.ReadAsStringAsync();
        Assert.True(withOffset.StatusCode == HttpStatusCode.OK, $"{withOffset.StatusCode}: {body}");
        Assert.Equal(await inUtc.Content.ReadAsStringAsync(), body);
        Assert.Equal(from.ToUniversalTime(), (await withOffset.Content.ReadFromJsonAsync<PromotionWhatIf>(Json.Options))!.From);
    }

    [Fact]
    public async Task A_bad_promotion_is_refused_naming_the_field_inside_it()
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/simulations", new
        {
            promotion = new { name = "x", kind = "multiplier", factor = 0.5, effectiveFrom = DateTimeOffset.UtcNow },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("promotion.factor", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_double_points_promotion_with_the_default_priority_doubles_the_base_points_it_targets()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m, priority: 10));
        var member = await fixture.RegisterAsync();
        // Older than the other tests' periods, which count every sale they replay.
        var at = DateTimeOffset.UtcNow.AddDays(-40);
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 100m, channel, at)));
        await fixture.AccountAsync(member, a => a.Balance == 100);

        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/simulations", new
        {
            promotion = new { name = "double app", kind = "multiplier", factor = 2, effectiveFrom = at.AddDays(-1), target = new { channels = new[] { channel } } },
            from = at.AddDays(-1),
            to = at.AddDays(1),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var whatIf = (await response.Content.ReadFromJsonAsync<PromotionWhatIf>(Json.Options))!;
        Assert.Equal(100, whatIf.Simulation.ExtraPoints);
        Assert.Equal(1, whatIf.Simulation.AffectedTransactions);
    }

    [Theory]
    [InlineData("""{ "promotion": { "name": "p", "kind": "multiplier", "factor": 2, "effectiveFrom": "0001-01-01T00:00:00Z", "effectiveTo": "9999-12-31T00:00:00Z" } }""", "promotion.effectiveFrom")]
    [InlineData("""{ "promotion": { "name": "p", "kind": "multiplier", "factor": 2, "effectiveFrom": "0001-01-01T00:00:00Z", "effectiveTo": "9999-12-31T00:00:00Z" }, "from": "2026-06-01T00:00:00Z", "to": "2026-12-01T00:00:00Z" }""", "promotion.effectiveFrom")]
    [InlineData("""{ "promotion": { "name": "p", "kind": "multiplier", "factor": 2, "effectiveFrom": "2000-01-01T00:00:00Z", "effectiveTo": "9999-12-31T00:00:00Z" } }""", "from")]
    [InlineData("""{ "promotion": { "name": "p", "kind": "multiplier", "factor": 2, "effectiveFrom": "2026-01-01T00:00:00Z" }, "to": "0001-01-01T00:00:00Z" }""", "to")]
    [InlineData("""{ "promotion": { "name": "p", "kind": "multiplier", "factor": 2, "effectiveFrom": "2026-01-01T00:00:00Z" }, "from": "0001-01-01T00:00:00Z", "to": "0001-06-01T00:00:00Z" }""", "from")]
    public async Task A_promotion_or_period_off_the_calendar_is_refused_naming_the_field(string scenario, string field)
    {
        var response = await fixture.Client.PostAsync("/api/loyalty/simulations", new StringContent(scenario, System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", body);
    }

    [Fact]
    public async Task A_promotion_that_runs_to_the_end_of_the_calendar_is_replayed_over_the_period_asked_for()
    {
        var response = await fixture.Client.PostAsync("/api/loyalty/simulations", new StringContent("""
            {
              "promotion": { "name": "p", "kind": "multiplier", "factor": 2, "effectiveFrom": "2000-01-01T00:00:00Z", "effectiveTo": "9999-12-31T00:00:00Z" },
              "from": "2026-06-01T00:00:00Z",
              "to": "2026-12-01T00:00:00Z"
            }
            """, System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        var whatIf = (await response.Content.ReadFromJsonAsync<PromotionWhatIf>(Json.Options))!;
        Assert.Equal((new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (whatIf.From, whatIf.To));
    }

    // The offset is written out as sent ("+02:00"), not as the serializer would normalise it.
    private Task<HttpResponseMessage> SimulateAsync(DateTimeOffset from, DateTimeOffset to) =>
        fixture.Client.PostAsync("/api/loyalty/simulations", new StringContent($$"""
            {
              "promotion": { "name": "double week", "kind": "multiplier", "factor": 2, "effectiveFrom": "{{from:O}}", "effectiveTo": "{{from.AddDays(7):O}}" },
              "from": "{{from:O}}",
              "to": "{{to:O}}"
            }
            """, System.Text.Encoding.UTF8, "application/json"));

    private static RecordedTransaction Basket(Guid member, string channel, params (string Category, decimal Net)[] lines)
    {
        var id = Guid.CreateVersion7();
        var net = lines.Sum(line => line.Net);
        return new RecordedTransaction(id, $"basket-{id:N}", member, DateTimeOffset.UtcNow.AddDays(-3), channel, "EUR", TransactionKinds.Sale, null,
            net, 0m, 0m, net, net / 2, [.. lines.Select(line => new CategorySpend(line.Category, 1m, line.Net, line.Net, line.Net / 2))]);
    }
}
