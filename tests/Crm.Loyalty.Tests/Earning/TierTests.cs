using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Loyalty.Tests.Partners;

namespace Crm.Loyalty.Tests.Earning;

/// <summary>Members move up a tier the moment their points earned qualify, and the tier's earn multiplier applies from then on.</summary>
public sealed class TierTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task Earning_past_a_threshold_upgrades_at_once_announces_it_and_the_privileges_multiplier_applies()
    {
        await BlueAndGoldAsync(windowDays: 365, goldThreshold: 500);
        var privileges = await fixture.Client.PutAsJsonAsync("/api/loyalty/tiers/privileges", new Dictionary<string, Dictionary<string, string>>
        {
            ["gold"] = new() { ["earnMultiplier"] = "2", ["freeShipping"] = "true" },
            ["blue"] = new() { ["serviceLevel"] = "48h" },
        });
        Assert.Equal(HttpStatusCode.OK, privileges.StatusCode);
        var (channel, member) = await MemberAtOnePointPerEuroAsync();

        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 300m, channel)));
        var blue = await fixture.AccountAsync(member, a => a.Balance == 300);
        Assert.Equal("blue", blue.Tier);

        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 250m, channel)));
        var gold = await fixture.AccountAsync(member, a => a.Balance == 550);
        Assert.Equal("gold", gold.Tier);

        // As gold, the next sale earns its base points twice over (the multiplier is its own ledger entry).
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 10m, channel)));
        await fixture.AccountAsync(member, a => a.Balance == 570, because: "gold earns double");
        var tierChanges = await fixture.QueryAsync<string>("""
            select payload::json->>'to' from outbox where message_type like '%TierChanged%' and payload::json->>'customerId' = @member order by id
            """, new { member = member.ToString() });
        Assert.Equal(["blue", "gold"], tierChanges);
        var matrix = await fixture.Client.GetFromJsonAsync<Dictionary<string, Dictionary<string, string>>>("/api/loyalty/tiers/privileges");
        Assert.Equal("true", matrix!["gold"]["freeShipping"]);
    }

    [Fact]
    public async Task Only_what_was_earned_in_the_window_qualifies_its_first_day_included_and_nothing_older()
    {
        await BlueAndGoldAsync(windowDays: 30, goldThreshold: 100);
        var (channel, member) = await MemberAtOnePointPerEuroAsync();
        var now = DateTimeOffset.UtcNow;

        // 400 points on the day before the window: earned, but they no longer qualify.
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 400m, channel, now.AddDays(-30))));
        Assert.Equal("blue", (await fixture.AccountAsync(member, a => a.Balance == 400)).Tier);

        // The window's first day counts: 60 of the 100 points gold needs.
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 60m, channel, now.AddDays(-29))));
        Assert.Equal("blue", (await fixture.AccountAsync(member, a => a.Balance == 460)).Tier);

        // And today: 110 points in the window.
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 50m, channel, now)));
        Assert.Equal("gold", (await fixture.AccountAsync(member, a => a.Balance == 510)).Tier);
    }

    [Fact]
    public async Task Points_earned_at_a_partner_count_toward_the_tier_with_the_members_own_sales()
    {
        await BlueAndGoldAsync(windowDays: 365, goldThreshold: 100);
        var (channel, member) = await MemberAtOnePointPerEuroAsync();
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 60m, channel)));
        Assert.Equal("blue", (await fixture.AccountAsync(member, a => a.Balance == 60)).Tier);

        // 60 points from the sale and 50 from the partner, the same day: 110 in the window.
        var (_, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        await sender.PostedAsync("txn-tier", PartnerSender.Body(member, "earn", 50m));

        var account = await fixture.AccountAsync(member, a => a.Balance == 110);
        Assert.Equal("gold", account.Tier);
    }

    [Fact]
    public async Task Members_registered_while_a_policy_exists_start_in_its_first_level_and_it_is_announced()
    {
        await BlueAndGoldAsync(windowDays: 365, goldThreshold: 500);
        var imported = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };

        var registered = await fixture.RegisterAsync();
        await fixture.PublishAsync(new CustomersRegistered(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(),
            [.. imported.Select(id => new CustomerRegistered(Guid.CreateVersion7(), DateTimeOffset.UtcNow, id, $"ext-{id:N}", "Imported", null))]));

        foreach (var member in imported.Prepend(registered))
        {
            Assert.Equal("blue", (await fixture.AccountAsync(member, _ => true)).Tier);
            Assert.Equal(["blue"], await fixture.QueryAsync<string>("""
                select payload::json->>'to' from outbox where message_type like '%TierChanged%' and payload::json->>'customerId' = @member
                """, new { member = member.ToString() }));
        }
    }

    [Fact]
    public async Task A_tier_policy_that_does_not_go_upwards_is_refused_naming_the_level()
    {
        var response = await fixture.Client.PutAsJsonAsync("/api/loyalty/tiers/policy", new
        {
            qualifyOn = "spend",
            windowDays = 365,
            levels = new object[] { new { name = "blue", threshold = 0 }, new { name = "gold", threshold = 500 }, new { name = "silver", threshold = 100 } },
            downgrade = "none",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("levels[2].threshold", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1,0")]
    [InlineData("+2")]
    [InlineData(" 2")]
    public async Task An_earn_multiplier_that_is_not_a_plain_decimal_is_refused_naming_the_cell_and_changes_nothing(string factor)
    {
        await BlueAndGoldAsync(windowDays: 365, goldThreshold: 500);
        var before = await fixture.Client.GetStringAsync("/api/loyalty/tiers/privileges");

        var response = await fixture.Client.PutAsJsonAsync("/api/loyalty/tiers/privileges", new Dictionary<string, Dictionary<string, string>>
        {
            ["gold"] = new() { ["earnMultiplier"] = factor },
        });

        Assert.Equal(["gold.earnMultiplier"], await response.ErrorFieldsAsync());
        Assert.Equal(before, await fixture.Client.GetStringAsync("/api/loyalty/tiers/privileges"));
    }

    // Tiers on points earned over a rolling window, never downgraded: blue from 0, gold from the threshold.
    private async Task BlueAndGoldAsync(int windowDays, int goldThreshold)
    {
        var policy = await fixture.Client.PutAsJsonAsync("/api/loyalty/tiers/policy", new
        {
            qualifyOn = "pointsEarned",
            windowDays,
            levels = new object[] { new { name = "blue", threshold = 0 }, new { name = "gold", threshold = goldThreshold } },
            downgrade = "none",
        });
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
    }

    // A new member, and a channel of the test's own where sales earn one point per euro.
    private async Task<(string Channel, Guid Member)> MemberAtOnePointPerEuroAsync()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        return (channel, await fixture.RegisterAsync());
    }
}
