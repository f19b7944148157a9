using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Data;
using Crm.Loyalty.Data;
using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Segmentation.Data;
using Crm.Testing;

namespace Crm.Suite.Tests;

/// <summary>A customer's erasure reaches every service that knew them, and only them.</summary>
public sealed class ErasureAcrossServicesTests
{
    [Fact]
    public async Task Erasing_a_customer_removes_their_points_account_pnl_and_segment_facts_and_leaves_others_alone()
    {
        var environment = await Suite.CreateEnvironmentAsync();
        var segmentationSettings = environment.Settings();
        segmentationSettings["Segmentation:RecomputeInterval"] = "00:00:00";
        await using var segmentation = new ServiceHost<SegmentStore>(segmentationSettings);
        using var segmentationClient = segmentation.CreateClient();
        await using var loyalty = new ServiceHost<PointsAccountStore>(environment.Settings());
        using var loyaltyClient = loyalty.CreateClient();
        await using var profitability = new ServiceHost<PnlQueries>(environment.Settings());
        using var profitabilityClient = profitability.CreateClient();
        await using var customers = new ServiceHost<CustomerStore>(environment.Settings());
        using var customersClient = customers.CreateClient();
        var erased = await Suite.RegisterAsync(customersClient, "Erase Me");
        var kept = await Suite.RegisterAsync(customersClient, "Keep Me");
        await Eventually.ReturnsAsync(() => Suite.FindAccountAsync(loyaltyClient, erased.Id), found => found is not null, because: "for the account to open");
        await Eventually.ReturnsAsync(() => Suite.FindAccountAsync(loyaltyClient, kept.Id), found => found is not null, because: "for the other account to open");
        foreach (var customer in new[] { erased, kept })
        {
            await Suite.PostSaleAsync(customersClient, customer.Id, 20m);
            await Eventually.ReturnsAsync(() => PnlAsync(profitabilityClient, customer.Id), pnl => pnl.Transactions == 1, because: "for the sale to reach the P&L");
            await Eventually.ReturnsAsync(() => FactsStatusAsync(segmentationClient, customer.Id), status => status == HttpStatusCode.OK,
                because: "for segmentation to know the customer");
        }

        var erasure = await customersClient.PostAsync($"/api/customers/{erased.Id}/erasure", null);

        Assert.Equal(HttpStatusCode.OK, erasure.StatusCode);
        await Eventually.ReturnsAsync(() => Suite.FindAccountAsync(loyaltyClient, erased.Id), found => found is null, because: "for loyalty to forget the customer");
        Assert.NotNull(await Suite.FindAccountAsync(loyaltyClient, kept.Id));
        await Eventually.ReturnsAsync(() => PnlAsync(profitabilityClient, erased.Id), pnl => pnl.Transactions == 0, because: "for profitability to forget the customer");
        Assert.Equal(20m, (await PnlAsync(profitabilityClient, kept.Id)).Lines.NetRevenue);
        await Eventually.ReturnsAsync(() => FactsStatusAsync(segmentationClient, erased.Id), status => status == HttpStatusCode.NotFound,
            because: "for segmentation to forget the customer");
        Assert.Equal(HttpStatusCode.OK, await FactsStatusAsync(segmentationClient, kept.Id));
    }

    private static async Task<HttpStatusCode> FactsStatusAsync(HttpClient segmentation, Guid customerId)
    {
        using var response = await segmentation.GetAsync($"/api/segments/customers/{customerId}/facts");
        return response.StatusCode;
    }

    private static async Task<CustomerProfitAndLoss> PnlAsync(HttpClient profitability, Guid customerId) =>
        (await profitability.GetFromJsonAsync<CustomerProfitAndLoss>($"/api/profitability/customers/{customerId}/pnl"))!;
}
