using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Data;
using Crm.Loyalty.Data;
using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Segmentation.Data;
using Crm.Testing;

namespace Crm.Suite.Tests;

/// <summary>
/// Segments defined in the segmentation service are the groups of profitability's roll-up by segment and what
/// loyalty's rewards are shown to; renamed, they stay so under their new name.
/// </summary>
public sealed class SegmentProfitabilityTests
{
    [Fact]
    public async Task A_segment_s_pnl_and_rewards_follow_its_members_as_their_sales_move_them_in_and_follow_it_when_renamed()
    {
        var environment = await Suite.CreateEnvironmentAsync();
        var segmentationSettings = environment.Settings();
        segmentationSettings["Segmentation:RecomputeInterval"] = "00:00:00";
        await using var segmentation = new ServiceHost<SegmentStore>(segmentationSettings);
        using var segmentationClient = segmentation.CreateClient();
        await using var profitability = new ServiceHost<PnlQueries>(environment.Settings());
        using var profitabilityClient = profitability.CreateClient();
        await using var loyalty = new ServiceHost<PointsAccountStore>(environment.Settings());
        using var loyaltyClient = loyalty.CreateClient();
        await using var customers = new ServiceHost<CustomerStore>(environment.Settings());
        using var customersClient = customers.CreateClient();
        var big = await Suite.RegisterAsync(customersClient, "Big Spender");
        var small = await Suite.RegisterAsync(customersClient, "Small Spender");
        await Suite.PostSaleAsync(customersClient, big.Id, 150m);
        await Suite.PostSaleAsync(customersClient, small.Id, 30m);

        var name = $"Spent 100 or more {Guid.NewGuid():N}";
        var created = await segmentationClient.PostAsJsonAsync("/api/segments", Segment(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var segmentId = (await created.Content.ReadFromJsonAsync<SegmentCreated>())!.Id;
        var reward = await loyaltyClient.PostAsJsonAsync("/api/loyalty/rewards", new
        {
            name = $"Lounge {Guid.NewGuid():N}", description = "For big spenders", costPoints = 1, visibleToSegments = new[] { name }, active = true,
        });
        Assert.Equal(HttpStatusCode.Created, reward.StatusCode);
        var rewardId = (await reward.Content.ReadFromJsonAsync<SegmentCreated>())!.Id;

        var first = await Eventually.ReturnsAsync(() => SegmentPnlAsync(profitabilityClient, segmentId), row => row?.Customers == 1,
            timeout: TimeSpan.FromSeconds(30), because: "for the big spender to be in the segment's P&L");
        Assert.Equal(150m, first!.Lines.NetRevenue);

        await Suite.PostSaleAsync(customersClient, small.Id, 80m);

        var second = await Eventually.ReturnsAsync(() => SegmentPnlAsync(profitabilityClient, segmentId), row => row?.Customers == 2,
            timeout: TimeSpan.FromSeconds(30), because: "for the second sale to move the small spender in");
        Assert.Equal(260m, second!.Lines.NetRevenue);
        await Eventually.ReturnsAsync(() => RewardsSeenAsync(loyaltyClient, small.Id), seen => seen.Contains(rewardId),
            because: "for the reward shown to the segment to be seen by its new member");

        // Renamed: nobody enters or leaves, and the roll-up and the reward follow the segment to its new name.
        var renamed = $"Big spenders {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await segmentationClient.PutAsJsonAsync($"/api/segments/{segmentId}", Segment(renamed))).StatusCode);

        var third = await Eventually.ReturnsAsync(() => SegmentPnlAsync(profitabilityClient, segmentId), row => row?.Segment == renamed,
            timeout: TimeSpan.FromSeconds(30), because: "for the roll-up to show the new name");
        Assert.Equal((2, 260m), (third!.Customers, third.Lines.NetRevenue));
        await Eventually.ReturnsAsync(() => RewardSegmentsAsync(loyaltyClient, rewardId), segments => segments.SequenceEqual([renamed]),
            timeout: TimeSpan.FromSeconds(30), because: "for the reward to be shown to the segment under its new name");
        Assert.Contains(rewardId, await RewardsSeenAsync(loyaltyClient, big.Id));
        Assert.Contains(rewardId, await RewardsSeenAsync(loyaltyClient, small.Id));
    }

    private static object Segment(string name) => new
    {
        name,
        owner = "Retention team",
        advisor = "Customer analytics",
        strategy = new { serviceLevel = "priority", preferredChannels = new[] { "email" }, contactPolicy = "monthly", objective = "keep them" },
        rule = new { field = "revenue", op = "gte", value = 100 },
    };

    private static async Task<List<Guid>> RewardsSeenAsync(HttpClient loyalty, Guid customerId) =>
        [.. (await loyalty.GetFromJsonAsync<RewardPage>($"/api/loyalty/accounts/{customerId}/rewards"))!.Items.Select(item => item.RewardId)];

    private static async Task<string[]> RewardSegmentsAsync(HttpClient loyalty, Guid rewardId) =>
        (await loyalty.GetFromJsonAsync<RewardSegments>($"/api/loyalty/rewards/{rewardId}"))!.VisibleToSegments ?? [];

    private sealed record RewardPage(List<RewardSeen> Items);

    private sealed record RewardSeen(Guid RewardId);

    private sealed record RewardSegments(string[]? VisibleToSegments);

    private static async Task<SegmentProfitRollup?> SegmentPnlAsync(HttpClient profitability, Guid segmentId) =>
        (await profitability.GetFromJsonAsync<List<SegmentProfitRollup>>("/api/profitability/pnl/by-segment"))!
            .SingleOrDefault(row => row.SegmentId == segmentId);

    private sealed record SegmentCreated(Guid Id);
}
