using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Segmentation;
using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;
using Crm.Loyalty.Tests.Segments;

namespace Crm.Loyalty.Tests.Rewards;

/// <summary>What each member sees of the catalogue (by tier and segment) and may reserve; and reservations refused as bad input.</summary>
public sealed class MemberRewardsTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task A_reward_for_a_tier_is_seen_and_reserved_only_by_members_of_that_tier()
    {
        var gold = await fixture.RegisterAsync();
        var silver = await fixture.RegisterAsync();
        await fixture.ScalarAsync<object>("update points_accounts set tier = 'gold' where customer_id = @gold", new { gold });
        await fixture.ScalarAsync<object>("update points_accounts set tier = 'silver' where customer_id = @silver", new { silver });
        await fixture.GiveAsync(gold, 100);
        await fixture.GiveAsync(silver, 100);
        var lounge = await fixture.CreateRewardAsync(cost: 50, tiers: ["gold", "platinum"]);

        var goldSees = await VisibleAsync(gold);
        var silverSees = await VisibleAsync(silver);
        var silverTries = await fixture.ReserveAsync(silver, lounge.Id);

        Assert.Contains(lounge.Id, goldSees);
        Assert.DoesNotContain(lounge.Id, silverSees);
        Assert.Contains("not available to this member", await silverTries.ProblemAsync(HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        Assert.Equal(100, await fixture.AvailableAsync(silver));
        await fixture.ReservedAsync(gold, lounge.Id);
    }

    [Fact]
    public async Task A_reward_for_a_segment_is_seen_and_reserved_once_the_member_enters_the_segment()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 100);
        var segment = $"lapsed-{Guid.NewGuid():N}";
        var winBack = await fixture.CreateRewardAsync(cost: 40, segments: [segment, "other"]);

        var before = await VisibleAsync(member);
        var refused = await fixture.ReserveAsync(member, winBack.Id);
        await fixture.ChangeMembershipAsync(member, Guid.NewGuid(), segment, 1, MembershipChanges.Entered);
        var after = await VisibleAsync(member);

        Assert.DoesNotContain(winBack.Id, before);
        await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(winBack.Id, after);
        await fixture.ReservedAsync(member, winBack.Id);
    }

    [Fact]
    public async Task A_reward_for_a_tier_and_a_segment_needs_both()
    {
        var member = await fixture.RegisterAsync();
        var segment = $"vip-{Guid.NewGuid():N}";
        await fixture.ChangeMembershipAsync(member, Guid.NewGuid(), segment, 1, MembershipChanges.Entered);
        var both = await fixture.CreateRewardAsync(cost: 10, tiers: ["gold"], segments: [segment]);

        var withoutTier = await VisibleAsync(member);
        await fixture.ScalarAsync<object>("update points_accounts set tier = 'gold' where customer_id = @member", new { member });
        var withTier = await VisibleAsync(member);

        Assert.DoesNotContain(both.Id, withoutTier);
        Assert.Contains(both.Id, withTier);
    }

    [Fact]
    public async Task A_member_sees_whether_they_can_afford_each_reward_and_how_many_more_they_may_redeem()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 500);
        var cheap = await fixture.CreateRewardAsync(cost: 100, perCustomerLimit: 3);
        var dear = await fixture.CreateRewardAsync(cost: 1000, stock: 4);
        var withdrawn = await fixture.CreateRewardAsync(cost: 1, active: false);
        await fixture.ReservedAsync(member, cheap.Id);

        var page = await MemberPageAsync(member);

        Assert.Equal(400, page.AvailablePoints);
        var cheapView = page.Items.Single(reward => reward.RewardId == cheap.Id);
        Assert.True(cheapView.CanAfford);
        Assert.Equal(2, cheapView.RemainingUnderLimit);
        var dearView = page.Items.Single(reward => reward.RewardId == dear.Id);
        Assert.False(dearView.CanAfford);
        Assert.Null(dearView.RemainingUnderLimit);
        Assert.Equal(4, dearView.Stock);
        Assert.DoesNotContain(page.Items, reward => reward.RewardId == withdrawn.Id);
        await (await fixture.Client.GetAsync($"/api/loyalty/accounts/{Guid.NewGuid()}/rewards")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reservation_without_a_key_or_a_reward_is_refused_naming_both_and_changes_nothing()
    {
        var member = await fixture.RegisterAsync();
        await fixture.GiveAsync(member, 100);

        var response = await fixture.Client.PostAsJsonAsync($"/api/loyalty/accounts/{member}/redemptions", new { });
        using var notJson = new StringContent("""{ "rewardId": "soon" }""", System.Text.Encoding.UTF8, "application/json");
        var malformed = await fixture.Client.PostAsync($"/api/loyalty/accounts/{member}/redemptions", notJson);

        var body = await response.ProblemAsync(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(["Idempotency-Key", "rewardId"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
        Assert.Contains("rewardId", await malformed.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(100, await fixture.AvailableAsync(member));
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from redemptions where customer_id = @member", new { member }));
    }

    private async Task<MemberRewardPage> MemberPageAsync(Guid member) =>
        (await fixture.Client.GetFromJsonAsync<MemberRewardPage>($"/api/loyalty/accounts/{member}/rewards?limit=200", Json.Options))!;

    private async Task<IReadOnlyList<Guid>> VisibleAsync(Guid member) => [.. (await MemberPageAsync(member)).Items.Select(reward => reward.RewardId)];
}
