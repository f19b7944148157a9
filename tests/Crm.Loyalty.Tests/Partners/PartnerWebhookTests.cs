using System.Net;
using System.Net.Http.Json;
using System.Text;
using Crm.Loyalty.Apis;

namespace Crm.Loyalty.Tests.Partners;

/// <summary>
/// The signed inbound webhook: a partner's earn or burn moves points once per webhook-id, and anything not signed by
/// the partner's current secret within five minutes is refused and moves nothing.
/// </summary>
public sealed class PartnerWebhookTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task A_correctly_signed_earn_credits_the_amount_times_the_earn_rate_rounded_down()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1.5m);
        var member = await fixture.RegisterAsync();

        var receipt = await sender.PostedAsync("txn-1", PartnerSender.Body(member, "earn", 33.35m));

        // 33.35 × 1.5 = 50.025 points: the member gets 50, available at once.
        Assert.Equal(new PartnerTransactionReceipt("txn-1", member, "earn", 50, 50, Replayed: false), receipt);
        Assert.Equal(50, await fixture.AvailableAsync(member));
        var source = $"partner:{partner.Id}:txn-1";
        Assert.Equal(50, await fixture.ScalarAsync<long>(
            "select sum(points) from ledger_entries where customer_id = @member and kind = 'earn' and source = @source", new { member, source }));
        Assert.Equal(50, await fixture.ScalarAsync<long>("""
            select sum((payload::json->>'points')::bigint) from outbox
            where message_type like '%PointsEarned%' and payload::json->>'customerId' = @member and payload::json->>'source' = @source
            """, new { member = member.ToString(), source }));
    }

    [Fact]
    public async Task A_replayed_delivery_credits_once_and_answers_as_the_first_time()
    {
        var (_, sender) = await fixture.CreatePartnerAsync(earnRate: 2m);
        var member = await fixture.RegisterAsync();
        var body = PartnerSender.Body(member, "earn", 10m);

        var first = await sender.PostedAsync("txn-replayed", body);
        // A retry is signed afresh (new timestamp) but carries the same id and body.
        var again = await sender.PostedAsync("txn-replayed", body);

        Assert.False(first.Replayed);
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(20, await fixture.AvailableAsync(member));
        Assert.Equal(1, await fixture.LedgerEntriesAsync(member));
    }

    [Fact]
    public async Task Deliveries_of_one_id_arriving_together_move_points_once()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();
        var other = await fixture.RegisterAsync();
        var body = PartnerSender.Body(member, "earn", 25m);

        var same = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sender.PostAsync("txn-together", body)));
        // The same id for two members at once: their account locks do not meet, so the partner's id decides.
        var crossed = await Task.WhenAll(
            sender.PostAsync("txn-crossed", PartnerSender.Body(member, "earn", 5m)),
            sender.PostAsync("txn-crossed", PartnerSender.Body(other, "earn", 5m)));

        Assert.All(same, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], crossed.Select(response => response.StatusCode).Order());
        Assert.Equal(25 + 5, await fixture.AvailableAsync(member) + await fixture.AvailableAsync(other));
        Assert.Equal(2, await fixture.TransactionsAsync(partner.Id));
    }

    [Fact]
    public async Task The_same_id_with_a_different_body_is_a_conflict_and_changes_nothing()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();
        var other = await fixture.RegisterAsync();
        var occurredAt = DateTimeOffset.UtcNow.AddMinutes(-2);
        await sender.PostedAsync("txn-reused", PartnerSender.Body(member, "earn", 40m, occurredAt));

        var otherAmount = await sender.PostAsync("txn-reused", PartnerSender.Body(member, "earn", 41m, occurredAt));
        var otherMember = await sender.PostAsync("txn-reused", PartnerSender.Body(other, "earn", 40m, occurredAt));

        await otherAmount.ProblemAsync(HttpStatusCode.Conflict);
        await otherMember.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(40, await fixture.AvailableAsync(member));
        Assert.Equal(0, await fixture.AvailableAsync(other));
        Assert.Equal(1, await fixture.TransactionsAsync(partner.Id));
    }

    [Fact]
    public async Task A_tampered_body_is_refused_and_changes_nothing()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();
        var request = sender.Signed("txn-tampered", PartnerSender.Body(member, "earn", 10m));
        // Same headers, a body with a larger amount.
        request.Content = new StringContent(PartnerSender.Body(member, "earn", 10_000m), Encoding.UTF8, "application/json");

        var response = await sender.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Signature does not match", problem.GetProperty("title").GetString());
        await NothingMovedAsync(partner.Id, member);
    }

    [Fact]
    public async Task A_delivery_signed_with_another_secret_is_refused_and_changes_nothing()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var (_, stranger) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();

        var response = await sender.SendAsync(sender.Signed("txn-wrong-secret", PartnerSender.Body(member, "earn", 10m), signWith: stranger.Secret));

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        await NothingMovedAsync(partner.Id, member);
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public async Task A_delivery_missing_a_header_is_refused_naming_it_and_changes_nothing(string header)
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();
        var request = sender.Signed("txn-missing-header", PartnerSender.Body(member, "earn", 10m));
        request.Headers.Remove(header);

        var response = await sender.SendAsync(request);

        Assert.Equal([header], await response.ErrorFieldsAsync());
        await NothingMovedAsync(partner.Id, member);
    }

    [Theory]
    [InlineData(-6, "Timestamp too old")]
    [InlineData(6, "Timestamp in the future")]
    public async Task A_delivery_signed_six_minutes_away_from_now_is_refused_and_changes_nothing(int minutes, string title)
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();

        var response = await sender.PostAsync("txn-stale", PartnerSender.Body(member, "earn", 10m), sentAt: DateTimeOffset.UtcNow.AddMinutes(minutes));

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        await NothingMovedAsync(partner.Id, member);
    }

    [Fact]
    public async Task A_delivery_signed_four_minutes_ago_is_taken()
    {
        var (_, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();

        var response = await sender.PostAsync("txn-late", PartnerSender.Body(member, "earn", 10m), sentAt: DateTimeOffset.UtcNow.AddMinutes(-4));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, await fixture.AvailableAsync(member));
    }

    [Fact]
    public async Task After_a_secret_rotation_the_old_secret_is_refused_and_the_new_one_taken()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();
        var oldSecret = sender.Secret;

        var rotation = await fixture.Client.PostAsync($"/api/loyalty/partners/{partner.Id}/secret", null);
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotated = (await rotation.Content.ReadFromJsonAsync<Crm.Loyalty.Data.PartnerSecret>(Json.Options))!;
        Assert.NotEqual(oldSecret, rotated.SigningSecret);

        var withOld = await sender.PostAsync("txn-old-secret", PartnerSender.Body(member, "earn", 10m));
        sender.Secret = rotated.SigningSecret;
        var withNew = await sender.PostAsync("txn-new-secret", PartnerSender.Body(member, "earn", 7m));

        await withOld.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(7, await fixture.AvailableAsync(member));
    }

    [Fact]
    public async Task A_signature_header_with_several_signatures_is_taken_when_one_matches()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var (_, stranger) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();
        var body = PartnerSender.Body(member, "earn", 12m);
        var request = sender.Signed("txn-several", body);
        var timestamp = long.Parse(request.Headers.GetValues("webhook-timestamp").Single(), System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.Remove("webhook-signature");
        // A sender in the middle of a key change signs with both keys; unknown versions are left aside.
        request.Headers.Add("webhook-signature",
            $"v1a,c29tZXRoaW5nIGVsc2U= {PartnerSender.Sign(stranger.Secret, "txn-several", timestamp, body)} {PartnerSender.Sign(sender.Secret, "txn-several", timestamp, body)}");

        var response = await sender.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, await fixture.AvailableAsync(member));
        Assert.Equal(1, await fixture.TransactionsAsync(partner.Id));
    }

    [Fact]
    public async Task A_burn_takes_the_amount_times_the_burn_rate_rounded_up_from_available_points()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 10m, burnRate: 100m);
        var member = await fixture.RegisterAsync();
        await sender.PostedAsync("txn-earn", PartnerSender.Body(member, "earn", 50m));

        var receipt = await sender.PostedAsync("txn-burn", PartnerSender.Body(member, "burn", 1.234m));

        // 1.234 × 100 = 123.4 points: the member pays 124.
        Assert.Equal(new PartnerTransactionReceipt("txn-burn", member, "burn", 124, 376, Replayed: false), receipt);
        Assert.Equal(376, await fixture.AvailableAsync(member));
        Assert.Equal(-124, await fixture.ScalarAsync<long>(
            "select points from ledger_entries where customer_id = @member and kind = 'redeem' and source = @source",
            new { member, source = $"partner:{partner.Id}:txn-burn" }));
    }

    [Fact]
    public async Task A_burn_for_more_points_than_available_is_refused_and_changes_nothing()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m, burnRate: 100m);
        var member = await fixture.RegisterAsync();
        await sender.PostedAsync("txn-earn", PartnerSender.Body(member, "earn", 300m));

        var response = await sender.PostAsync("txn-burn", PartnerSender.Body(member, "burn", 3.01m));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("301 points", problem.GetProperty("detail").GetString());
        Assert.Equal(300, await fixture.AvailableAsync(member));
        Assert.Equal(1, await fixture.LedgerEntriesAsync(member));
        Assert.Equal(1, await fixture.TransactionsAsync(partner.Id));
    }

    [Theory]
    [InlineData("earn")]
    [InlineData("burn")]
    public async Task A_transaction_worth_more_than_a_billion_points_is_refused_naming_the_amount_and_stores_nothing(string kind)
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 10_000m, burnRate: 10_000m);
        var member = await fixture.RegisterAsync();
        await sender.PostedAsync("txn-earn", PartnerSender.Body(member, "earn", 100_000m));

        // 100,000.0001 × 10,000 = 1,000,000,001 points: one more than a transaction may move.
        var response = await sender.PostAsync("txn-huge", PartnerSender.Body(member, kind, 100_000.0001m));

        Assert.Equal(["amount"], await response.ErrorFieldsAsync());
        Assert.Equal(1_000_000_000, await fixture.AvailableAsync(member));
        Assert.Equal(1, await fixture.LedgerEntriesAsync(member));
        Assert.Equal(1, await fixture.TransactionsAsync(partner.Id));
    }

    [Fact]
    public async Task A_transaction_for_an_unknown_member_is_not_found_and_stores_nothing()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync();

        var response = await sender.PostAsync("txn-nobody", PartnerSender.Body(Guid.NewGuid(), "earn", 10m));

        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await fixture.TransactionsAsync(partner.Id));
    }

    [Fact]
    public async Task Deliveries_for_an_unknown_or_inactive_partner_are_not_found()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync();
        var member = await fixture.RegisterAsync();
        var deactivated = await fixture.Client.PutAsJsonAsync($"/api/loyalty/partners/{partner.Id}", new
        {
            name = partner.Name,
            earnRate = 1,
            burnRate = 100,
            costPerPoint = 0.01,
            currency = "EUR",
            active = false,
        });
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        var unknown = new PartnerSender(fixture.Client, Guid.NewGuid(), sender.Secret);

        await (await sender.PostAsync("txn-inactive", PartnerSender.Body(member, "earn", 10m))).ProblemAsync(HttpStatusCode.NotFound);
        await (await unknown.PostAsync("txn-unknown", PartnerSender.Body(member, "earn", 10m))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await fixture.AvailableAsync(member));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_valid_transaction_is_refused_naming_every_wrong_field()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync();
        var member = await fixture.RegisterAsync();

        var wrongFields = await sender.PostAsync("txn-bad", $$"""
            { "customerId": "{{member}}", "kind": "refund", "amount": -5, "occurredAt": "{{DateTimeOffset.UtcNow.AddDays(2):O}}" }
            """);
        var wrongType = await sender.PostAsync("txn-bad-type", $$"""{ "customerId": "{{member}}", "kind": "earn", "amount": [1] }""");
        var notJson = await sender.PostAsync("txn-not-json", "amount=5");

        Assert.Equal(["amount", "kind", "occurredAt"], await wrongFields.ErrorFieldsAsync());
        Assert.Equal(["amount"], await wrongType.ErrorFieldsAsync());
        Assert.Equal(["$"], await notJson.ErrorFieldsAsync());
        Assert.Equal(0, await fixture.TransactionsAsync(partner.Id));
    }

    [Fact]
    public async Task A_body_starting_with_a_byte_order_mark_is_taken_when_the_signature_covers_it()
    {
        var (partner, sender) = await fixture.CreatePartnerAsync(earnRate: 1m);
        var member = await fixture.RegisterAsync();
        var body = PartnerSender.Body(member, "earn", 12m);
        // Signed without the mark, sent with it: the bytes received are not the bytes signed.
        var unsigned = sender.Signed("txn-bom-unsigned", body);
        unsigned.Content = new StringContent("\uFEFF" + body, Encoding.UTF8, "application/json");

        await (await sender.SendAsync(unsigned)).ProblemAsync(HttpStatusCode.Unauthorized);
        var receipt = await sender.PostedAsync("txn-bom", "\uFEFF" + body);

        Assert.Equal(12, receipt.Points);
        Assert.Equal(12, await fixture.AvailableAsync(member));
        Assert.Equal(1, await fixture.TransactionsAsync(partner.Id));
    }

    private async Task NothingMovedAsync(Guid partnerId, Guid member)
    {
        Assert.Equal(0, await fixture.AvailableAsync(member));
        Assert.Equal(0, await fixture.LedgerEntriesAsync(member));
        Assert.Equal(0, await fixture.TransactionsAsync(partnerId));
    }
}
