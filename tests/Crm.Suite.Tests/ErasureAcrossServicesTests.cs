using System.Net;
using Crm.Customers.Data;
using Crm.Loyalty.Data;
using Crm.Testing;

namespace Crm.Suite.Tests;

/// <summary>A customer's erasure reaches every service that knew them, and only them.</summary>
public sealed class ErasureAcrossServicesTests
{
    [Fact]
    public async Task Erasing_a_customer_removes_their_points_account_and_leaves_others_alone()
    {
        var environment = await Suite.CreateEnvironmentAsync();
        await using var loyalty = new ServiceHost<PointsAccountStore>(environment.Settings());
        using var loyaltyClient = loyalty.CreateClient();
        await using var customers = new ServiceHost<CustomerStore>(environment.Settings());
        using var customersClient = customers.CreateClient();
        var erased = await Suite.RegisterAsync(customersClient, "Erase Me");
        var kept = await Suite.RegisterAsync(customersClient, "Keep Me");
        await Eventually.ReturnsAsync(() => Suite.FindAccountAsync(loyaltyClient, erased.Id), found => found is not null, because: "for the account to open");
        await Eventually.ReturnsAsync(() => Suite.FindAccountAsync(loyaltyClient, kept.Id), found => found is not null, because: "for the other account to open");

        var erasure = await customersClient.PostAsync($"/api/customers/{erased.Id}/erasure", null);

        Assert.Equal(HttpStatusCode.OK, erasure.StatusCode);
        await Eventually.ReturnsAsync(() => Suite.FindAccountAsync(loyaltyClient, erased.Id), found => found is null, because: "for loyalty to forget the customer");
        Assert.NotNull(await Suite.FindAccountAsync(loyaltyClient, kept.Id));
    }
}
