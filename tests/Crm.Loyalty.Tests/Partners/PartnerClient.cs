using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Loyalty.Apis;

namespace Crm.Loyalty.Tests.Partners;

/// <summary>Partners and their transactions through the API, as the programme's staff and a partner would use them.</summary>
internal static class PartnerClient
{
    /// <summary>A partner of the test's own (names are unique across the shared database), and a sender holding its secret.</summary>
    public static async Task<(CreatedPartner Partner, PartnerSender Sender)> CreatePartnerAsync(
        this LoyaltyFixture fixture, decimal earnRate = 1m, decimal burnRate = 100m, decimal costPerPoint = 0.01m, string currency = "EUR")
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/partners", new
        {
            name = $"Partner {Guid.NewGuid():N}",
            earnRate,
            burnRate,
            costPerPoint,
            currency,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var partner = (await response.Content.ReadFromJsonAsync<CreatedPartner>(Json.Options))!;
        return (partner, new PartnerSender(fixture.Client, partner.Id, partner.SigningSecret));
    }

    /// <summary>A delivery that must be taken, and the receipt it got.</summary>
    public static async Task<PartnerTransactionReceipt> PostedAsync(this PartnerSender sender, string id, string body)
    {
        var response = await sender.PostAsync(id, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PartnerTransactionReceipt>(Json.Options))!;
    }

    public static async Task<long> AvailableAsync(this LoyaltyFixture fixture, Guid member) =>
        (await fixture.AccountAsync(member, _ => true)).Available;

    public static Task<long> TransactionsAsync(this LoyaltyFixture fixture, Guid partnerId) =>
        fixture.ScalarAsync<long>("select count(*) from partner_transactions where partner_id = @partnerId", new { partnerId });

    public static Task<long> LedgerEntriesAsync(this LoyaltyFixture fixture, Guid member) =>
        fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = @member", new { member });

    /// <summary>The problem body, once it is the expected status and a problem document.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The fields a validation problem names.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal)];
    }
}
