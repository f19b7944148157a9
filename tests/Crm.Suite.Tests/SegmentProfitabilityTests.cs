using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Data;
using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Segmentation.Data;
using Crm.Testing;

namespace Crm.Suite.Tests;

/// <summary>Segments defined in the segmentation service are the groups of profitability's roll-up by segment.</summary>
public sealed class SegmentProfitabilityTests
{
    [Fact]
    public async Task A_segment_s_pnl_follows_its_members_as_their_sales_move_them_in()
    {
        var environment = await Suite.CreateEnvironmentAsync();
        var segmentationSettings = environment.Settings();
        segmentationSettings["Segmentation:RecomputeInterval"] = "00:00:00";
        await using var segmentation = new ServiceHost<SegmentStore>(segmentationSettings);
        using var segmentationClient = segmentation.CreateClient();
        await using var profitability = new ServiceHost<PnlQueries>(environment.Settings());
        using var profitabilityClient = profitability.CreateClient();
        await using var customers = new ServiceHost<CustomerStore>(environment.Settings());
        using var customersClient = customers.CreateClient();
        var big = await Suite.RegisterAsync(customersClient, "Big Spender");
        var small = await Suite.RegisterAsync(customersClient, "Small Spender");
        await Suite.PostSaleAsync(customersClient, big.Id, 150m);
        await Suite.PostSaleAsync(customersClient, small.Id, 30m);

        var created = await segmentationClient.PostAsJsonAsync("/api/segments", new
        {
            name = $"Spent 100 or more {Guid.NewGuid():N}",
            owner = "Retention team",
            advisor = "Customer analytics",
            strategy = new { serviceLevel = "priority", preferredChannels = new[] { "email" }, contactPolicy = "monthly", objective = "keep them" },
            rule = new { field = "revenue", op = "gte", value = 100 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var segmentId = (await created.Content.ReadFromJsonAsync<SegmentCreated>())!.Id;

        var first = await Eventually.ReturnsAsync(() => SegmentPnlAsync(profitabilityClient, segmentId), row => row?.Customers == 1,
            timeout: TimeSpan.FromSeconds(30), because: "for the big spender to be in the segment's P&L");
        Assert.Equal(150m, first!.Lines.NetRevenue);

        await Suite.PostSaleAsync(customersClient, small.Id, 80m);

        var second = await Eventually.ReturnsAsync(() => SegmentPnlAsync(profitabilityClient, segmentId), row => row?.Customers == 2,
            timeout: TimeSpan.FromSeconds(30), because: "for the second sale to move the small spender in");
        Assert.Equal(260m, second!.Lines.NetRevenue);
    }

    private static async Task<SegmentProfitRollup?> SegmentPnlAsync(HttpClient profitability, Guid segmentId) =>
        (await profitability.GetFromJsonAsync<List<SegmentProfitRollup>>("/api/profitability/pnl/by-segment"))!
            .SingleOrDefault(row => row.SegmentId == segmentId);

    private sealed record SegmentCreated(Guid Id);
}
