using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Loyalty;
using Crm.Loyalty.Model;
using Crm.Testing;
using Dapper;

namespace Crm.Loyalty.Tests;

/// <summary>
/// The loyalty service with a stand-in for the services whose events it follows. Housekeeping (expiry, notices, tier
/// reviews) is off: tests run it themselves.
/// </summary>
public sealed class LoyaltyFixture() : FollowingServiceFixture<LoyaltyOptions>("loyaltydb")
{
    /// <summary>A registered member, its account opened from the CustomerRegistered event.</summary>
    public async Task<Guid> RegisterAsync(DateTimeOffset? at = null)
    {
        var customerId = Guid.CreateVersion7();
        await PublishAsync(new CustomerRegistered(Guid.CreateVersion7(), at ?? DateTimeOffset.UtcNow, customerId, $"ext-{customerId:N}", "Member", null));
        await AccountAsync(customerId, _ => true);
        return customerId;
    }

    /// <summary>The member's account once <paramref name="ready"/> holds, as the API answers it.</summary>
    public Task<PointsAccount> AccountAsync(Guid customerId, Func<PointsAccount, bool> ready, string? because = null) => Eventually.ReturnsAsync(
        async () =>
        {
            var response = await Client.GetAsync($"/api/loyalty/accounts/{customerId}");
            return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<PointsAccount>())! : null!;
        },
        account => account is not null && ready(account),
        because: because ?? $"for the account of {customerId}");

    /// <summary>Waits until the service has consumed each of these events (their ids are in its inbox).</summary>
    public Task ConsumedAsync(params Guid[] eventIds) => Eventually.ReturnsAsync(
        () => ScalarAsync<long>("select count(distinct message_id) from inbox where message_id = any(@eventIds)", new { eventIds }),
        consumed => consumed == eventIds.Length,
        because: $"for {eventIds.Length} events to be consumed");

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Loyalty:HousekeepingInterval"] = "00:00:00";
    }
}
