using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Data;
using Crm.Customers.Model;
using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Crm.Testing;
using Dapper;

namespace Crm.Suite.Tests;

/// <summary>HTTP → customers database → outbox → RabbitMQ → loyalty consumer → loyalty database, for real.</summary>
public sealed class WalkingSkeletonTests
{
    [Fact]
    public async Task A_registered_customer_gets_a_points_account_through_the_broker()
    {
        var environment = await Suite.CreateEnvironmentAsync();
        // Loyalty first: its queue must exist before customers publishes (the AppHost starts consumers the same way).
        await using var loyalty = new ServiceHost<PointsAccountStore>(environment.Settings());
        using var loyaltyClient = loyalty.CreateClient();
        await using var customers = new ServiceHost<CustomerStore>(environment.Settings());
        using var customersClient = customers.CreateClient();

        var created = await Suite.RegisterAsync(customersClient);
        var account = await Eventually.ReturnsAsync(
            () => Suite.FindAccountAsync(loyaltyClient, created.Id), found => found is not null, because: "for the points account");

        Assert.Equal(created.Id, account!.CustomerId);
        Assert.Equal(0, account.Balance);
    }

    [Fact]
    public async Task A_customer_committed_just_before_a_crash_gets_exactly_one_points_account_after_the_restart()
    {
        var environment = await Suite.CreateEnvironmentAsync();
        await using var loyalty = new ServiceHost<PointsAccountStore>(environment.Settings());
        using var loyaltyClient = loyalty.CreateClient();

        // The customers service commits the customer and its event, then dies before its relay publishes anything.
        var withoutRelay = new Dictionary<string, string?>(environment.Settings()) { ["Messaging:Outbox:RelayEnabled"] = "false" };
        Customer created;
        await using (var crashing = new ServiceHost<CustomerStore>(withoutRelay))
        {
            created = await Suite.RegisterAsync(crashing.CreateClient());
        }

        Assert.Equal(1, await Suite.CountAsync(environment, "customersdb", "select count(*) from outbox where sent_at is null"));
        await Task.Delay(1000);
        Assert.Null(await Suite.FindAccountAsync(loyaltyClient, created.Id));

        await using var restarted = new ServiceHost<CustomerStore>(environment.Settings());
        using var _ = restarted.CreateClient();

        await Eventually.ReturnsAsync(() => Suite.FindAccountAsync(loyaltyClient, created.Id), found => found is not null, because: "for the account after restart");
        await Eventually.ReturnsAsync(() => Suite.CountAsync(environment, "customersdb", "select count(*) from outbox where sent_at is null"), unsent => unsent == 0);
        Assert.Equal(1, await Suite.CountAsync(environment, "loyaltydb", "select count(*) from points_accounts"));
        Assert.Equal(1, await Suite.CountAsync(environment, "loyaltydb", "select count(*) from inbox"));
    }
}
