using System.Net;
using System.Net.Http.Json;
using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;

namespace Crm.Loyalty.Tests.Partners;

/// <summary>Settlement statements: the points issued and paid at a partner in a period, and what each side owes for them.</summary>
public sealed class SettlementTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    private static readonly DateTimeOffset Today = new(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
    private static readonly DateTimeOffset From = Today.AddDays(-10);
    private static readonly DateTimeOffset To = Today.AddDays(-5);

    [Fact]
    public async Task A_settlement_counts_the_transactions_in_its_period_and_leaves_out_the_others()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 2m, burnRate: 100m, costPerPoint: 0.005m, currency: "DKK");
        var member = await fixture.RegisterAsync();
        await PostKnownTransactionsAsync(sender, member);

        var settlement = await SettlementAsync(partner.Id);

        Assert.Equal(new PartnerSettlement(partner.Id, partner.Name, "DKK", From, To,
            Transactions: 4,
            EarnTransactions: 2, PointsIssued: 301, OwedByPartner: 1.505m,
            BurnTransactions: 2, PointsBurned: 159, OwedToPartner: 1.583m,
            NetDueFromPartner: -0.078m), settlement);
    }

    [Fact]
    public async Task A_new_cost_per_point_applies_to_points_issued_after_it_not_to_a_past_settlement()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m, costPerPoint: 0.01m);
        var member = await fixture.RegisterAsync();
        await sender.PostedAsync("before", PartnerSender.Body(member, "earn", 100m, From.AddDays(1)));

        var repriced = await fixture.Client.PutAsJsonAsync($"/api/loyalty/partners/{partner.Id}", new
        {
            name = partner.Name,
            earnRate = 1,
            burnRate = 100,
            costPerPoint = 0.02,
            currency = "EUR",
        });
        Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        await sender.PostedAsync("after", PartnerSender.Body(member, "earn", 100m, From.AddDays(2)));

        var settlement = await SettlementAsync(partner.Id);

        Assert.Equal((200, 3m), (settlement.PointsIssued, settlement.OwedByPartner));
    }

    [Fact]
    public async Task The_report_for_all_partners_holds_each_partner_with_its_own_numbers()
    {
        var (busy, sender) = await fixture.CreatePartnerAsync(earnRate: 2m, burnRate: 100m, costPerPoint: 0.005m, currency: "DKK");
        var (idle, _) = await fixture.CreatePartnerAsync();
        var member = await fixture.RegisterAsync();
        await PostKnownTransactionsAsync(sender, member);

        var report = (await fixture.Client.GetFromJsonAsync<SettlementReport>(
            $"/api/loyalty/partners/settlements?from={Query(From)}&to={Query(To)}", Json.Options))!;

        Assert.Equal((From, To), (report.From, report.To));
        Assert.Equal(await fixture.ScalarAsync<long>("select count(*) from partners"), report.Items.Count);
        Assert.Equal(await SettlementAsync(busy.Id), Assert.Single(report.Items, item => item.PartnerId == busy.Id));
        var nothing = Assert.Single(report.Items, item => item.PartnerId == idle.Id);
        Assert.Equal((0L, 0L, 0m, 0m), (nothing.Transactions, nothing.PointsIssued, nothing.OwedToPartner, nothing.NetDueFromPartner));
    }

    [Fact]
    public async Task Without_a_period_a_settlement_covers_last_calendar_month()
    {
        var (partner, _) = await fixture.CreatePartnerAsync();
        var thisMonth = new DateTimeOffset(Today.Year, Today.Month, 1, 0, 0, 0, TimeSpan.Zero);

        var settlement = (await fixture.Client.GetFromJsonAsync<PartnerSettlement>($"/api/loyalty/partners/{partner.Id}/settlement", Json.Options))!;
        var report = (await fixture.Client.GetFromJsonAsync<SettlementReport>("/api/loyalty/partners/settlements", Json.Options))!;

        Assert.Equal((thisMonth.AddMonths(-1), thisMonth), (settlement.From, settlement.To));
        Assert.Equal((thisMonth.AddMonths(-1), thisMonth), (report.From, report.To));
    }

    [Fact]
    public async Task A_half_or_backward_period_is_refused_naming_the_field_and_an_unknown_partner_is_not_found()
    {
        var (partner, _) = await fixture.CreatePartnerAsync();
        var settlement = $"/api/loyalty/partners/{partner.Id}/settlement";

        Assert.Equal(["to"], await (await fixture.Client.GetAsync($"{settlement}?from={Query(From)}")).ErrorFieldsAsync());
        Assert.Equal(["from"], await (await fixture.Client.GetAsync($"/api/loyalty/partners/settlements?to={Query(To)}")).ErrorFieldsAsync());
        Assert.Equal(["to"], await (await fixture.Client.GetAsync($"{settlement}?from={Query(To)}&to={Query(From)}")).ErrorFieldsAsync());
        await (await fixture.Client.GetAsync($"/api/loyalty/partners/{Guid.NewGuid()}/settlement")).ProblemAsync(HttpStatusCode.NotFound);
    }

    // In the period: earns of 100.00 and 50.55 (×2: 200 + 101 points), burns of 1.25 and 0.333 (×100, rounded up:
    // 125 + 34 points). Outside it: one just before, one at its very end (the end is not included), one after.
    private static async Task PostKnownTransactionsAsync(PartnerSender sender, Guid member)
    {
        await sender.PostedAsync("in-earn-1", PartnerSender.Body(member, "earn", 100.00m, From));
        await sender.PostedAsync("in-earn-2", PartnerSender.Body(member, "earn", 50.55m, From.AddDays(2)));
        await sender.PostedAsync("in-burn-1", PartnerSender.Body(member, "burn", 1.25m, From.AddDays(3)));
        await sender.PostedAsync("in-burn-2", PartnerSender.Body(member, "burn", 0.333m, To.AddTicks(-10)));
        await sender.PostedAsync("out-before", PartnerSender.Body(member, "earn", 1000m, From.AddTicks(-10)));
        await sender.PostedAsync("out-at-end", PartnerSender.Body(member, "earn", 1000m, To));
        await sender.PostedAsync("out-after", PartnerSender.Body(member, "burn", 1m, Today.AddDays(-1)));
    }

    private async Task<PartnerSettlement> SettlementAsync(Guid partnerId) =>
        (await fixture.Client.GetFromJsonAsync<PartnerSettlement>(
            $"/api/loyalty/partners/{partnerId}/settlement?from={Query(From)}&to={Query(To)}", Json.Options))!;

    private static string Query(DateTimeOffset moment) => Uri.EscapeDataString(moment.ToString("O"));
}
