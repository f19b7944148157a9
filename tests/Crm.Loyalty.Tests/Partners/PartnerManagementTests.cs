using System.Net;
using System.Net.Http.Json;
using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;

namespace Crm.Loyalty.Tests.Partners;

/// <summary>Partners as the programme's staff keep them: terms created and replaced, the secret shown only when made, bad terms refused field by field.</summary>
public sealed class PartnerManagementTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task A_created_partner_shows_a_strong_signing_secret_once_and_reads_never_show_it()
    {
        var name = $"Café Nord {Guid.NewGuid():N}";

        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/partners", new
        {
            name = $" {name} ",
            earnRate = 1.5,
            burnRate = 120,
            costPerPoint = 0.0075,
            currency = "sek",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedPartner>(Json.Options))!;
        Assert.Equal($"/api/loyalty/partners/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((name, 1.5m, 120m, 0.0075m, "SEK", true), (created.Name, created.EarnRate, created.BurnRate, created.CostPerPoint, created.Currency, created.Active));
        Assert.StartsWith("whsec_", created.SigningSecret);
        Assert.Equal(32, Convert.FromBase64String(created.SigningSecret["whsec_".Length..]).Length);

        var read = await fixture.Client.GetStringAsync($"/api/loyalty/partners/{created.Id}");
        var listed = await fixture.Client.GetStringAsync("/api/loyalty/partners?limit=200");
        foreach (var shown in new[] { read, listed })
        {
            Assert.DoesNotContain(created.SigningSecret["whsec_".Length..], shown);
            Assert.DoesNotContain("secret", shown, StringComparison.OrdinalIgnoreCase);
        }

        var partner = (await fixture.Client.GetFromJsonAsync<Partner>($"/api/loyalty/partners/{created.Id}", Json.Options))!;
        Assert.Equal(created.Name, partner.Name);
        Assert.Equal(created.CreatedAt, partner.CreatedAt);
    }

    [Fact]
    public async Task Two_partners_never_get_the_same_secret_and_a_rotation_gives_a_new_one()
    {
        var (first, _) = await fixture.CreatePartnerAsync();
        var (second, _) = await fixture.CreatePartnerAsync();

        var rotation = await fixture.Client.PostAsync($"/api/loyalty/partners/{first.Id}/secret", null);

        var rotated = (await rotation.Content.ReadFromJsonAsync<PartnerSecret>(Json.Options))!;
        Assert.Equal(first.Id, rotated.PartnerId);
        Assert.Equal(3, new[] { first.SigningSecret, second.SigningSecret, rotated.SigningSecret }.Distinct().Count());
        await (await fixture.Client.PostAsync($"/api/loyalty/partners/{Guid.NewGuid()}/secret", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_put_replaces_the_terms()
    {
        var (partner, _) = await fixture.CreatePartnerAsync(earnRate: 1m, burnRate: 100m, costPerPoint: 0.01m);
        var name = $"Renamed {Guid.NewGuid():N}";

        var response = await fixture.Client.PutAsJsonAsync($"/api/loyalty/partners/{partner.Id}", new
        {
            name,
            earnRate = 2.25,
            burnRate = 80,
            costPerPoint = 0,
            currency = "USD",
            active = false,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await fixture.Client.GetFromJsonAsync<Partner>($"/api/loyalty/partners/{partner.Id}", Json.Options))!;
        Assert.Equal((name, 2.25m, 80m, 0m, "USD", false), (updated.Name, updated.EarnRate, updated.BurnRate, updated.CostPerPoint, updated.Currency, updated.Active));
        Assert.Equal(partner.CreatedAt, updated.CreatedAt);
        Assert.True(updated.UpdatedAt >= partner.UpdatedAt);
    }

    [Fact]
    public async Task The_currency_cannot_change_once_the_partner_has_transactions()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(currency: "EUR");
        var member = await fixture.RegisterAsync();
        await sender.PostedAsync("txn-1", PartnerSender.Body(member, "earn", 10m));

        var response = await fixture.Client.PutAsJsonAsync($"/api/loyalty/partners/{partner.Id}", new
        {
            name = partner.Name,
            earnRate = 3,
            burnRate = 100,
            costPerPoint = 0.01,
            currency = "GBP",
        });

        await response.ProblemAsync(HttpStatusCode.Conflict);
        var unchanged = (await fixture.Client.GetFromJsonAsync<Partner>($"/api/loyalty/partners/{partner.Id}", Json.Options))!;
        Assert.Equal(("EUR", 1m), (unchanged.Currency, unchanged.EarnRate));
    }

    [Fact]
    public async Task A_second_partner_with_the_same_name_in_any_case_is_a_conflict()
    {
        var (partner, _) = await fixture.CreatePartnerAsync();
        var (other, _) = await fixture.CreatePartnerAsync();
        var terms = new { earnRate = 1, burnRate = 100, costPerPoint = 0.01, currency = "EUR" };

        var duplicate = await fixture.Client.PostAsJsonAsync("/api/loyalty/partners", new { name = partner.Name.ToUpperInvariant(), terms.earnRate, terms.burnRate, terms.costPerPoint, terms.currency });
        var renamed = await fixture.Client.PutAsJsonAsync($"/api/loyalty/partners/{other.Id}", new { name = partner.Name, terms.earnRate, terms.burnRate, terms.costPerPoint, terms.currency });

        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        await renamed.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_unknown_partner_is_not_found()
    {
        var id = Guid.NewGuid();

        await (await fixture.Client.GetAsync($"/api/loyalty/partners/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Client.PutAsJsonAsync($"/api/loyalty/partners/{id}", new { name = "Nobody", earnRate = 1, burnRate = 1, costPerPoint = 0, currency = "EUR" }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Partners_are_listed_a_page_at_a_time_without_repeats()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.CreatePartnerAsync();
        }

        var seen = new List<Guid>();
        Guid? after = null;
        do
        {
            var page = (await fixture.Client.GetFromJsonAsync<PartnerPage>($"/api/loyalty/partners?limit=2{(after is null ? "" : $"&after={after}")}", Json.Options))!;
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(partner => partner.Id));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Count, await fixture.ScalarAsync<long>("select count(*) from partners"));
        await (await fixture.Client.GetAsync("/api/loyalty/partners?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_terms_are_refused_naming_every_wrong_field_and_store_nothing()
    {
        var (partner, _) = await fixture.CreatePartnerAsync();
        var before = await fixture.ScalarAsync<long>("select count(*) from partners");
        var bad = new { name = " ", earnRate = 0, burnRate = -1, costPerPoint = -0.01, currency = "EURO" };

        var created = await fixture.Client.PostAsJsonAsync("/api/loyalty/partners", bad);
        var updated = await fixture.Client.PutAsJsonAsync($"/api/loyalty/partners/{partner.Id}", bad);
        var tooPrecise = await fixture.Client.PostAsJsonAsync("/api/loyalty/partners", new
        {
            name = $"Precise {Guid.NewGuid():N}",
            earnRate = 1.00001,
            burnRate = 100,
            costPerPoint = 0.0000001,
            currency = "E1R",
        });
        var missing = await fixture.Client.PostAsJsonAsync("/api/loyalty/partners", new { name = $"Bare {Guid.NewGuid():N}" });
        var unprintable = await fixture.Client.PostAsync("/api/loyalty/partners", new StringContent(
            """{ "name": "Café\u0000Nord", "earnRate": 1, "burnRate": 100, "costPerPoint": 0.01, "currency": "EUR" }""", System.Text.Encoding.UTF8, "application/json"));

        string[] all = ["burnRate", "costPerPoint", "currency", "earnRate", "name"];
        Assert.Equal(all, await created.ErrorFieldsAsync());
        Assert.Equal(all, await updated.ErrorFieldsAsync());
        Assert.Equal(["costPerPoint", "currency", "earnRate"], await tooPrecise.ErrorFieldsAsync());
        Assert.Equal(["burnRate", "costPerPoint", "currency", "earnRate"], await missing.ErrorFieldsAsync());
        Assert.Equal(["name"], await unprintable.ErrorFieldsAsync());
        Assert.Equal(before, await fixture.ScalarAsync<long>("select count(*) from partners"));
        Assert.Equal(partner.Name, (await fixture.Client.GetFromJsonAsync<Partner>($"/api/loyalty/partners/{partner.Id}", Json.Options))!.Name);
    }
}
