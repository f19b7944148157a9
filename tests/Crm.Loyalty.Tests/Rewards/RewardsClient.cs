using System.Net;
using System.Net.Http.Json;
using Crm.Loyalty.Data;

namespace Crm.Loyalty.Tests.Rewards;

/// <summary>The catalogue, points and redemptions through the API, as a front end would use them.</summary>
internal static class RewardsClient
{
    /// <summary>A reward of the test's own (names are unique across the shared database).</summary>
    public static async Task<Reward> CreateRewardAsync(
        this LoyaltyFixture fixture, long cost, int? stock = null, int? perCustomerLimit = null, string[]? tiers = null, string[]? segments = null, bool active = true)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/rewards", new
        {
            name = $"Reward {Guid.NewGuid():N}",
            description = "A test reward",
            costPoints = cost,
            stock,
            perCustomerLimit,
            visibleToTiers = tiers,
            visibleToSegments = segments,
            active,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Reward>(Json.Options))!;
    }

    public static async Task<Reward> GetRewardAsync(this LoyaltyFixture fixture, Guid rewardId) =>
        (await fixture.Client.GetFromJsonAsync<Reward>($"/api/loyalty/rewards/{rewardId}", Json.Options))!;

    /// <summary>Credits points by hand; adjustment points are available at once.</summary>
    public static async Task GiveAsync(this LoyaltyFixture fixture, Guid member, long points)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/accounts/{member}/adjustments")
        {
            Content = JsonContent.Create(new { points, reason = "test credit" }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await fixture.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> ReserveAsync(this LoyaltyFixture fixture, Guid member, Guid rewardId, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/accounts/{member}/redemptions")
        {
            Content = JsonContent.Create(new { rewardId }),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await fixture.Client.SendAsync(request);
    }

    /// <summary>A reservation that must succeed.</summary>
    public static async Task<Redemption> ReservedAsync(this LoyaltyFixture fixture, Guid member, Guid rewardId, string? key = null)
    {
        var response = await fixture.ReserveAsync(member, rewardId, key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Redemption>(Json.Options))!;
    }

    public static Task<HttpResponseMessage> ConfirmAsync(this LoyaltyFixture fixture, Guid member, Guid redemptionId) =>
        fixture.Client.PostAsync($"/api/loyalty/accounts/{member}/redemptions/{redemptionId}/confirm", null);

    public static Task<HttpResponseMessage> CancelAsync(this LoyaltyFixture fixture, Guid member, Guid redemptionId) =>
        fixture.Client.PostAsync($"/api/loyalty/accounts/{member}/redemptions/{redemptionId}/cancel", null);

    public static async Task<Redemption> ReadRedemptionAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Redemption>(Json.Options))!;
    }

    public static async Task<long> AvailableAsync(this LoyaltyFixture fixture, Guid member) =>
        (await fixture.AccountAsync(member, _ => true)).Available;

    /// <summary>The member's earning batches, oldest first: what each holds and when it expires.</summary>
    public static Task<IReadOnlyList<Batch>> BatchesAsync(this LoyaltyFixture fixture, Guid member) =>
        fixture.QueryAsync<Batch>(
            "select id, expires_at as ExpiresAt, remaining from earning_batches where customer_id = @member order by id", new { member });

    public static async Task<string> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    public sealed record Batch(long Id, DateTimeOffset ExpiresAt, long Remaining);
}
