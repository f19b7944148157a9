using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Loyalty.Data;
using Crm.Loyalty.Model.Tiers;

namespace Crm.Loyalty.Tests.Programme;

/// <summary>Time-driven work (expiry and its notices) and the programme KPIs, on one service of their own.</summary>
public sealed class ExpiryAndKpiTests(LoyaltyFixture fixture) : IClassFixture<LoyaltyFixture>
{
    [Fact]
    public async Task Points_past_their_lifetime_expire_oldest_first_and_the_kpis_count_them()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        var member = await fixture.RegisterAsync();
        // 365-day lifetime: the 400-day-old sale's points are due, the 350-day-old one's get notice, the new one's stay.
        var expired = Purchases.Sale(member, 40m, channel, at: DateTimeOffset.UtcNow.AddDays(-400));
        var expiring = Purchases.Sale(member, 25m, channel, at: DateTimeOffset.UtcNow.AddDays(-350));
        var fresh = Purchases.Sale(member, 10m, channel);
        await fixture.PublishAsync(Purchases.Recorded(expired, expiring, fresh));
        await Crm.Testing.Eventually.ReturnsAsync(
            () => fixture.ScalarAsync<long>("select coalesce(sum(points), 0) from earning_batches where customer_id = @member", new { member }),
            points => points == 75, because: "for the three sales to earn");

        var run = await fixture.Client.PostAsync("/api/loyalty/housekeeping", null);
        var outcome = (await run.Content.ReadFromJsonAsync<HousekeepingOutcome>())!;

        Assert.True(outcome.PointsExpired >= 40);
        var account = await fixture.AccountAsync(member, _ => true);
        Assert.Equal(35, account.Balance);
        Assert.Equal(25, account.ExpiringPoints);
        var notice = await fixture.ScalarAsync<long>("""
            select sum((payload::json->>'points')::bigint) from outbox where message_type like '%PointsExpiring%' and payload::json->>'customerId' = @member
            """, new { member = member.ToString() });
        Assert.Equal(25, notice);

        var kpis = await fixture.Client.GetFromJsonAsync<ProgrammeKpis>($"/api/loyalty/kpis?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddYears(-2).ToString("O"))}", Json.Options);
        Assert.True(kpis!.PointsExpired >= 40);
        Assert.True(kpis.PointsIssued >= 75);
        Assert.Equal(Math.Round((decimal)kpis.PointsExpired / kpis.PointsIssued, 4), kpis.Breakage);
        Assert.Equal(kpis.OutstandingPoints * kpis.CostPerPoint, kpis.OutstandingLiability);
    }

    [Fact]
    public async Task Kpis_for_a_period_written_with_an_offset_are_those_of_the_same_instants_in_utc()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        var member = await fixture.RegisterAsync();
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 30m, channel, at: DateTimeOffset.UtcNow.AddDays(-3))));
        await fixture.AccountAsync(member, a => a.Balance == 30);
        var from = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-10).Date, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(1).Date, TimeSpan.FromHours(2));

        var withOffset = await fixture.Client.GetAsync($"/api/loyalty/kpis?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        var inUtc = await fixture.Client.GetAsync($"/api/loyalty/kpis?from={Uri.EscapeDataString(from.ToUniversalTime().ToString("O"))}&to={Uri.EscapeDataString(to.ToUniversalTime().ToString("O"))}");

        var body = await withOffset.Content.ReadAsStringAsync();
        Assert.True(withOffset.StatusCode == System.Net.HttpStatusCode.OK, $"{withOffset.StatusCode}: {body}");
        Assert.Equal(await inUtc.Content.ReadAsStringAsync(), body);
        var kpis = (await withOffset.Content.ReadFromJsonAsync<ProgrammeKpis>(Json.Options))!;
        Assert.Equal(from.ToUniversalTime(), kpis.From);
        Assert.True(kpis.PointsIssued >= 30);
    }

    [Theory]
    [InlineData("to=0001-01-01T00:00:00Z", "to")]
    [InlineData("from=1969-12-31T00:00:00Z", "from")]
    public async Task Kpis_for_a_period_before_1970_are_refused_naming_the_field(string query, string field)
    {
        var response = await fixture.Client.GetAsync($"/api/loyalty/kpis?{query}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", body);
    }

    [Fact]
    public async Task Housekeeping_forgets_daily_counts_older_than_any_tier_window_and_keeps_the_recent_ones()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        var member = await fixture.RegisterAsync();
        var longAgo = DateTimeOffset.UtcNow.AddDays(-1_100);
        var today = DateTimeOffset.UtcNow.AddMinutes(-1);
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 40m, channel, at: longAgo), Purchases.Sale(member, 10m, channel, at: today)));
        await Crm.Testing.Eventually.ReturnsAsync(
            () => fixture.ScalarAsync<long>("select count(*) from earned_transactions where customer_id = @member", new { member }),
            count => count == 2, because: "for both sales to earn");

        var run = await fixture.Client.PostAsync("/api/loyalty/housekeeping", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, run.StatusCode);

        // A policy's window is at most 1,000 days: the day counts of 1,100 days ago can never qualify again.
        var keys = await fixture.QueryAsync<string>(
            "select key from points_accounts, json_object_keys(counters) as key where customer_id = @member", new { member });
        Assert.Equal([$"earned|d:{Day(today)}", $"spent|d:{Day(today)}"], keys.Where(IsDayCount).Order());
    }

    private static bool IsDayCount(string key) =>
        key.StartsWith(QualifyingCounts.EarnedPrefix, StringComparison.Ordinal) || key.StartsWith(QualifyingCounts.SpentPrefix, StringComparison.Ordinal);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Erasure_forfeits_the_balance_and_keeps_the_history_only_under_an_anonymous_id()
    {
        var channel = Purchases.Channel();
        await fixture.CreateRuleAsync(Purchases.BaseRule(channel, 1m));
        var member = await fixture.RegisterAsync();
        await fixture.PublishAsync(Purchases.Recorded(Purchases.Sale(member, 60m, channel)));
        await fixture.AccountAsync(member, a => a.Balance == 60);
        var ledgerBefore = await fixture.ScalarAsync<long>("select coalesce(sum(points), 0) from ledger_entries");
        var batchesBefore = await fixture.ScalarAsync<long>("select coalesce(sum(remaining), 0) from earning_batches");

        var erased = new CustomerErased(Guid.CreateVersion7(), DateTimeOffset.UtcNow, member);
        await fixture.PublishAsync(erased);
        await fixture.ConsumedAsync(erased.EventId);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/loyalty/accounts/{member}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/loyalty/accounts/{member}/ledger")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/loyalty/accounts/{member}/redemptions")).StatusCode);
        foreach (var table in new[] { "ledger_entries", "earning_batches", "earned_transactions" })
        {
            Assert.Equal(0, await fixture.ScalarAsync<long>($"select count(*) from {table} where customer_id = @member", new { member }));
        }

        // The ledger still equals the batches, both 60 points lower.
        Assert.Equal(ledgerBefore - 60, await fixture.ScalarAsync<long>("select coalesce(sum(points), 0) from ledger_entries"));
        Assert.Equal(batchesBefore - 60, await fixture.ScalarAsync<long>("select coalesce(sum(remaining), 0) from earning_batches"));

        // A sale of theirs arriving late (an import travels in its own stream) opens no account and earns nothing.
        var late = Purchases.Recorded(Purchases.Sale(member, 30m, channel));
        await fixture.PublishAsync(late);
        await fixture.ConsumedAsync(late.EventId);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/loyalty/accounts/{member}")).StatusCode);
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from ledger_entries where customer_id = @member", new { member }));
    }
}
