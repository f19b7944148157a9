using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Loyalty.Apis;

namespace Crm.Loyalty.Tests.Accounts;

/// <summary>Adjustments, transfers and business events: idempotent on the caller's key, never overdrawing, refusing bad input.</summary>
public sealed class AccountActionTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task An_adjustment_retried_with_the_same_key_credits_once()
    {
        var member = await fixture.RegisterAsync();

        var first = await AdjustAsync(member, 120, "goodwill", "key-1");
        var again = await AdjustAsync(member, 120, "goodwill", "key-1");

        Assert.False((await first.Content.ReadFromJsonAsync<PointsMovement>())!.Repeated);
        Assert.True((await again.Content.ReadFromJsonAsync<PointsMovement>())!.Repeated);
        Assert.Equal(120, (await fixture.AccountAsync(member, _ => true)).Available);
    }

    [Fact]
    public async Task A_debit_larger_than_the_balance_is_refused_and_changes_nothing()
    {
        var member = await fixture.RegisterAsync();
        await AdjustAsync(member, 50, "welcome", "credit");

        var response = await AdjustAsync(member, -80, "correction", "debit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("50", await response.Content.ReadAsStringAsync());
        Assert.Equal(50, (await fixture.AccountAsync(member, _ => true)).Available);
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = @member", new { member }));
    }

    [Fact]
    public async Task A_transfer_moves_available_points_once_and_they_keep_their_expiry()
    {
        var giver = await fixture.RegisterAsync();
        var receiver = await fixture.RegisterAsync();
        await AdjustAsync(giver, 100, "welcome", "credit");
        var expiry = (await fixture.AccountAsync(giver, _ => true)).NextExpiry;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/accounts/{giver}/transfers")
            {
                Content = JsonContent.Create(new { toCustomerId = receiver, points = 30, reason = "family pooling" }),
            };
            request.Headers.Add("Idempotency-Key", "transfer-1");
            Assert.Equal(HttpStatusCode.OK, (await fixture.Client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(70, (await fixture.AccountAsync(giver, _ => true)).Available);
        var received = await fixture.AccountAsync(receiver, _ => true);
        Assert.Equal(30, received.Available);
        Assert.Equal(expiry, received.NextExpiry);
    }

    [Fact]
    public async Task An_event_rule_awards_once_per_occurrence()
    {
        await fixture.CreateRuleAsync(new
        {
            name = "survey thanks",
            kind = "event",
            eventType = "surveyCompleted",
            bonusPoints = 25,
            effectiveFrom = DateTimeOffset.UtcNow.AddDays(-1),
        });
        var member = await fixture.RegisterAsync();

        var first = await fixture.Client.PostAsJsonAsync($"/api/loyalty/accounts/{member}/events", new { type = "surveyCompleted", reference = "response-9" });
        var again = await fixture.Client.PostAsJsonAsync($"/api/loyalty/accounts/{member}/events", new { type = "surveyCompleted", reference = "response-9" });
        var other = await fixture.Client.PostAsJsonAsync($"/api/loyalty/accounts/{member}/events", new { type = "surveyCompleted", reference = "response-10" });

        Assert.Equal(25, (await first.Content.ReadFromJsonAsync<EventAwardsView>())!.Points);
        Assert.True((await again.Content.ReadFromJsonAsync<EventAwardsView>())!.AlreadyAwarded);
        Assert.Equal(25, (await other.Content.ReadFromJsonAsync<EventAwardsView>())!.Points);
        Assert.Equal(50, (await fixture.AccountAsync(member, _ => true)).Available);
    }

    [Theory]
    [InlineData("2099-01-01T00:00:00Z")]
    [InlineData("9999-12-31T00:00:00Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    public async Task An_event_dated_in_the_future_or_before_1970_is_refused_naming_occurredAt_and_uses_up_nothing(string occurredAt)
    {
        var member = await fixture.RegisterAsync();

        var refused = await fixture.Client.PostAsync($"/api/loyalty/accounts/{member}/events", new StringContent(
            $$"""{ "type": "referral", "reference": "friend-1", "occurredAt": "{{occurredAt}}" }""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("\"occurredAt\"", await ProblemAsync(refused, HttpStatusCode.BadRequest));
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = @member", new { member }));
        var now = await fixture.Client.PostAsJsonAsync($"/api/loyalty/accounts/{member}/events", new { type = "referral", reference = "friend-1" });
        Assert.False((await now.Content.ReadFromJsonAsync<EventAwardsView>())!.AlreadyAwarded);
    }

    [Fact]
    public async Task An_event_a_moment_ahead_of_our_clock_is_taken()
    {
        var member = await fixture.RegisterAsync();

        var response = await PostEventAsync(member, "referral", "friend-ahead", DateTimeOffset.UtcNow.AddMinutes(2));

        Assert.False(response.AlreadyAwarded);
    }

    [Fact]
    public async Task A_back_dated_event_earns_by_the_rules_in_force_when_it_happened_and_uses_up_its_reference_either_way()
    {
        var since = DateTimeOffset.UtcNow.AddDays(-5);
        await fixture.CreateRuleAsync(new { name = "referral thanks", kind = "event", eventType = "referral", bonusPoints = 40, effectiveFrom = since });
        var member = await fixture.RegisterAsync();

        var beforeTheRule = await PostEventAsync(member, "referral", "friend-1", since.AddDays(-1));
        var underTheRule = await PostEventAsync(member, "referral", "friend-2", since.AddDays(1));
        var again = await PostEventAsync(member, "referral", "friend-1", null);

        Assert.Equal(0, beforeTheRule.Points);
        Assert.Equal(40, underTheRule.Points);
        Assert.True(again.AlreadyAwarded);
        // Event points are available at once, a back-dated event's as well.
        var account = await fixture.AccountAsync(member, _ => true);
        Assert.Equal((40L, 0L), (account.Available, account.Pending));
    }

    [Theory]
    [InlineData("""{ "name": "x", "kind": "base", "effectiveFrom": "2026-01-01T00:00:00Z" }""", "pointsPerUnit")]
    [InlineData("""{ "name": "x", "kind": "multiplier", "factor": 1, "effectiveFrom": "2026-01-01T00:00:00Z" }""", "factor")]
    [InlineData("""{ "name": "x", "kind": "frequency", "nth": 0, "bonusPoints": 5, "period": "month", "effectiveFrom": "2026-01-01T00:00:00Z" }""", "nth")]
    [InlineData("""{ "name": "x", "kind": "base", "pointsPerUnit": 1, "effectiveFrom": "2026-02-01T00:00:00Z", "effectiveTo": "2026-01-01T00:00:00Z" }""", "effectiveTo")]
    [InlineData("""{ "name": "x", "kind": "event", "eventType": "anniversary", "bonusPoints": 5, "effectiveFrom": "2026-01-01T00:00:00Z" }""", "eventType")]
    [InlineData("""{ "name": "x", "kind": "base", "pointsPerUnit": 1, "effectiveFrom": "0001-01-01T00:00:00Z", "effectiveTo": "9999-12-31T00:00:00Z" }""", "effectiveFrom")]
    public async Task A_bad_earn_rule_is_refused_naming_the_field_and_nothing_is_saved(string rule, string field)
    {
        var before = await fixture.ScalarAsync<long>("select count(*) from earn_rules");

        var response = await fixture.Client.PostAsync("/api/loyalty/earn-rules", new StringContent(rule, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await fixture.ScalarAsync<long>("select count(*) from earn_rules"));
    }

    [Fact]
    public async Task An_adjustment_without_a_key_or_reason_is_refused_naming_both()
    {
        var member = await fixture.RegisterAsync();

        var response = await fixture.Client.PostAsJsonAsync($"/api/loyalty/accounts/{member}/adjustments", new { points = 10 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("Idempotency-Key", problem);
        Assert.Contains("reason", problem);
    }

    [Fact]
    public async Task An_adjustment_key_reused_for_a_different_request_is_a_conflict_and_changes_nothing()
    {
        var member = await fixture.RegisterAsync();
        await AdjustAsync(member, 120, "goodwill", "key-reused");

        var morePoints = await AdjustAsync(member, 700, "goodwill", "key-reused");
        var otherReason = await AdjustAsync(member, 120, "birthday", "key-reused");
        var same = await AdjustAsync(member, 120, "goodwill", "key-reused");

        Assert.Contains("different request", await ProblemAsync(morePoints, HttpStatusCode.Conflict));
        await ProblemAsync(otherReason, HttpStatusCode.Conflict);
        Assert.Equal(new PointsMovement(member, 120, Repeated: true), await same.Content.ReadFromJsonAsync<PointsMovement>());
        Assert.Equal(120, (await fixture.AccountAsync(member, _ => true)).Available);
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = @member", new { member }));
    }

    [Fact]
    public async Task A_transfer_key_reused_for_another_recipient_or_amount_is_a_conflict_and_moves_nothing()
    {
        var giver = await fixture.RegisterAsync();
        var first = await fixture.RegisterAsync();
        var other = await fixture.RegisterAsync();
        await AdjustAsync(giver, 1_000, "welcome", "credit");

        var done = await TransferAsync(giver, first, 7, "family pooling", "transfer-key");
        var otherRecipient = await TransferAsync(giver, other, 700, "family pooling", "transfer-key");
        var otherAmount = await TransferAsync(giver, first, 700, "family pooling", "transfer-key");
        var again = await TransferAsync(giver, first, 7, "family pooling", "transfer-key");

        var movement = (await done.Content.ReadFromJsonAsync<PointsMovement>())!;
        Assert.Contains("different request", await ProblemAsync(otherRecipient, HttpStatusCode.Conflict));
        await ProblemAsync(otherAmount, HttpStatusCode.Conflict);
        Assert.Equal(movement with { Repeated = true }, await again.Content.ReadFromJsonAsync<PointsMovement>());
        Assert.Equal(993, (await fixture.AccountAsync(giver, _ => true)).Available);
        Assert.Equal(7, (await fixture.AccountAsync(first, _ => true)).Available);
        Assert.Equal(0, (await fixture.AccountAsync(other, _ => true)).Available);
    }

    [Fact]
    public async Task A_debit_cannot_spend_pending_points_and_changes_nothing()
    {
        var member = await fixture.RegisterAsync();
        await AdjustAsync(member, 500, "welcome", "credit");
        // As if the points came from a sale still inside its return window.
        await fixture.ScalarAsync<object>("update earning_batches set available_at = now() + interval '10 days' where customer_id = @member", new { member });

        var response = await AdjustAsync(member, -500, "correction", "debit");

        Assert.Contains("has 0 points", await ProblemAsync(response, HttpStatusCode.UnprocessableEntity));
        var account = await fixture.AccountAsync(member, _ => true);
        Assert.Equal((0L, 500L), (account.Available, account.Pending));
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = @member", new { member }));
    }

    [Fact]
    public async Task The_ledger_and_redemptions_of_an_unknown_member_are_not_found()
    {
        var unknown = Guid.NewGuid();
        var member = await fixture.RegisterAsync();

        var ledger = await fixture.Client.GetAsync($"/api/loyalty/accounts/{unknown}/ledger");
        var redemptions = await fixture.Client.GetAsync($"/api/loyalty/accounts/{unknown}/redemptions");

        Assert.Contains(unknown.ToString(), await ProblemAsync(ledger, HttpStatusCode.NotFound));
        Assert.Contains(unknown.ToString(), await ProblemAsync(redemptions, HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync($"/api/loyalty/accounts/{member}/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync($"/api/loyalty/accounts/{member}/redemptions")).StatusCode);
    }

    [Fact]
    public async Task A_transfer_to_a_member_without_an_account_names_the_recipient_and_moves_nothing()
    {
        var giver = await fixture.RegisterAsync();
        var nobody = Guid.NewGuid();
        await AdjustAsync(giver, 10, "welcome", "credit");

        var response = await TransferAsync(giver, nobody, 1, "gift", "to-nobody");

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(nobody.ToString(), problem);
        Assert.Contains("\"toCustomerId\"", problem);
        Assert.DoesNotContain(giver.ToString(), problem);
        Assert.Equal(10, (await fixture.AccountAsync(giver, _ => true)).Available);
    }

    [Theory]
    [InlineData("adjustments", """{ "points": 5, "reason": "good\u0000will" }""", "reason")]
    [InlineData("adjustments", """{ "points": 5, "reason": "good\ud800will" }""", "reason")]
    [InlineData("transfers", """{ "toCustomerId": "{recipient}", "points": 1, "reason": "gift\u0000" }""", "reason")]
    [InlineData("events", """{ "type": "surveyCompleted", "reference": "response\u0000" }""", "reference")]
    [InlineData("events", """{ "type": "surveyCompleted", "reference": "response\udc00" }""", "reference")]
    public async Task Text_that_cannot_be_stored_is_refused_naming_the_field_and_changes_nothing(string action, string body, string field)
    {
        var member = await fixture.RegisterAsync();
        var recipient = await fixture.RegisterAsync();
        await AdjustAsync(member, 10, "welcome", "credit");

        var response = await PostRawAsync(member, action, body.Replace("{recipient}", recipient.ToString(), StringComparison.Ordinal), "unprintable");

        Assert.Contains($"\"{field}\"", await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = any(@ids)", new { ids = new[] { member, recipient } }));
    }

    [Theory]
    [InlineData("adjustments", """{ "points": -9223372036854775808, "reason": "typo" }""")]
    [InlineData("adjustments", """{ "points": 9223372036854775807, "reason": "typo" }""")]
    [InlineData("adjustments", """{ "points": 1000000001, "reason": "typo" }""")]
    [InlineData("adjustments", """{ "points": -1000000001, "reason": "typo" }""")]
    [InlineData("transfers", """{ "toCustomerId": "{recipient}", "points": 1000000001, "reason": "gift" }""")]
    [InlineData("transfers", """{ "toCustomerId": "{recipient}", "points": 9223372036854775807, "reason": "gift" }""")]
    public async Task More_than_a_billion_points_in_one_request_is_refused_naming_points_and_changes_nothing(string action, string body)
    {
        var member = await fixture.RegisterAsync();
        var recipient = await fixture.RegisterAsync();
        await AdjustAsync(member, 10, "welcome", "credit");

        var response = await PostRawAsync(member, action, body.Replace("{recipient}", recipient.ToString(), StringComparison.Ordinal), "too-many");

        Assert.Contains("\"points\"", await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = any(@ids)", new { ids = new[] { member, recipient } }));
        Assert.Equal(10, (await fixture.AccountAsync(member, _ => true)).Available);
    }

    [Fact]
    public async Task Adjustments_of_a_billion_points_either_way_are_taken_and_the_account_still_reads()
    {
        var member = await fixture.RegisterAsync();

        var credit = await AdjustAsync(member, 1_000_000_000, "migrated balance", "billion-in");
        var again = await AdjustAsync(member, 1_000_000_000, "migrated balance, part two", "billion-in-2");
        var debit = await AdjustAsync(member, -1_000_000_000, "migration undone", "billion-out");

        Assert.Equal(HttpStatusCode.OK, credit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(new PointsMovement(member, -1_000_000_000, Repeated: false), await debit.Content.ReadFromJsonAsync<PointsMovement>());
        Assert.Equal(1_000_000_000, (await fixture.AccountAsync(member, _ => true)).Available);
    }

    [Fact]
    public async Task A_transfer_key_belongs_to_the_sender_so_the_recipient_may_use_it_for_a_transfer_of_their_own()
    {
        var first = await fixture.RegisterAsync();
        var second = await fixture.RegisterAsync();
        await AdjustAsync(first, 100, "welcome", "credit");
        await AdjustAsync(second, 100, "welcome", "credit");

        var there = await TransferAsync(first, second, 30, "household", "shared-key");
        var back = await TransferAsync(second, first, 10, "household", "shared-key");
        var backAgain = await TransferAsync(second, first, 10, "household", "shared-key");
        var thereAgain = await TransferAsync(first, second, 30, "household", "shared-key");

        Assert.Equal(new PointsMovement(first, -30, Repeated: false), await there.Content.ReadFromJsonAsync<PointsMovement>());
        Assert.True(back.StatusCode == HttpStatusCode.OK, $"{back.StatusCode}: {await back.Content.ReadAsStringAsync()}");
        Assert.Equal(new PointsMovement(second, -10, Repeated: false), await back.Content.ReadFromJsonAsync<PointsMovement>());
        Assert.Equal(new PointsMovement(second, -10, Repeated: true), await backAgain.Content.ReadFromJsonAsync<PointsMovement>());
        Assert.Equal(new PointsMovement(first, -30, Repeated: true), await thereAgain.Content.ReadFromJsonAsync<PointsMovement>());
        Assert.Equal(80, (await fixture.AccountAsync(first, _ => true)).Available);
        Assert.Equal(120, (await fixture.AccountAsync(second, _ => true)).Available);
    }

    [Fact]
    public async Task After_an_erasure_no_ledger_names_the_erased_member_and_their_anonymous_entries_name_no_one()
    {
        var giver = await fixture.RegisterAsync();
        var erased = await fixture.RegisterAsync();
        await AdjustAsync(giver, 1_000, "welcome", "credit");
        await TransferAsync(giver, erased, 500, "household", "to-be-erased");
        await TransferAsync(erased, giver, 20, "thanks", "back-from-erased");

        var erasure = new CustomerErased(Guid.CreateVersion7(), DateTimeOffset.UtcNow, erased);
        await fixture.PublishAsync(erasure);
        await fixture.ConsumedAsync(erasure.EventId);

        var ledger = (await fixture.Client.GetFromJsonAsync<LedgerView>($"/api/loyalty/accounts/{giver}/ledger", Json.Options))!;
        Assert.Equal(
            ["from an erased member: thanks", "to an erased member: household", "welcome"],
            ledger.Items.Select(entry => entry.Reason));
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from ledger_entries where strpos(reason, @erased) > 0 or strpos(reason, @giver) > 0",
            new { erased = erased.ToString(), giver = giver.ToString() }));
        Assert.Equal(["from another member: household", "to another member: thanks"], await fixture.QueryAsync<string>("""
            select reason from ledger_entries
            where source in ('transfer:to-be-erased', 'transfer:back-from-erased') and customer_id <> @giver order by reason
            """, new { giver }));
    }

    private async Task<HttpResponseMessage> PostRawAsync(Guid member, string action, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/accounts/{member}/{action}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await fixture.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> AdjustAsync(Guid member, long points, string reason, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/accounts/{member}/adjustments")
        {
            Content = JsonContent.Create(new { points, reason }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await fixture.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> TransferAsync(Guid giver, Guid receiver, long points, string reason, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/accounts/{giver}/transfers")
        {
            Content = JsonContent.Create(new { toCustomerId = receiver, points, reason }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await fixture.Client.SendAsync(request);
    }

    private async Task<EventAwardsView> PostEventAsync(Guid member, string type, string reference, DateTimeOffset? occurredAt)
    {
        var response = await fixture.Client.PostAsJsonAsync($"/api/loyalty/accounts/{member}/events", new { type, reference, occurredAt });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EventAwardsView>())!;
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private sealed record EventAwardsView(long Points, bool AlreadyAwarded);

    private sealed record LedgerView(IReadOnlyList<LedgerEntryView> Items);

    private sealed record LedgerEntryView(string Kind, long Points, string Reason);
}
