using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Testing;

namespace Crm.Segmentation.Tests;

/// <summary>
/// A reversed transaction (entered in error) leaves the facts and the segments as if it had never been recorded, once,
/// whether it arrives before or after its reversal.
/// </summary>
public sealed class TransactionReversalTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    // Mid-morning of today (UTC), so an hour later is still the same calendar day whenever the tests run.
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date.AddHours(10), TimeSpan.Zero);

    [Fact]
    public async Task A_reversed_sale_takes_its_revenue_and_only_purchase_day_out_and_the_customer_leaves_the_segment()
    {
        var country = $"R{Guid.NewGuid():N}"[..8];
        var customer = Guid.NewGuid();
        var early = Sale(customer, Today.AddDays(-3), 40m, channel: "web");
        var sameDay = Sale(customer, Today.AddDays(-3).AddHours(1), 10m, channel: "store");
        var latest = Sale(customer, Today.AddDays(-1), 25m, channel: "store");
        await fixture.PublishAsync(
            new CustomerRegistered(Guid.NewGuid(), Today, customer, $"C-{customer:N}", "Someone", null, Country: country),
            new TransactionsRecorded(Guid.NewGuid(), Today, null, [early, sameDay, latest]));
        await fixture.FactsAsync<CustomerFactsView>(customer, f => f.Country is not null && f.PurchaseDays == 2);
        var bigSpenders = await fixture.CreateSegmentAsync($$"""{ "all": [ { "field": "country", "op": "eq", "value": "{{country}}" }, { "field": "revenue", "op": "gte", "value": 70 } ] }""");
        await Eventually.ReturnsAsync(() => MembersAsync(bigSpenders.Id), members => members.SetEquals([customer]), because: "for the customer to enter");

        await ReverseAsync(latest);

        // The latest day had only that sale: it goes, and the last purchase is the day before again.
        var facts = await fixture.FactsAsync<CustomerFactsView>(customer, f => f.PurchaseDays == 1);
        Assert.Equal((50m, DateOnly.FromDateTime(early.OccurredAt.UtcDateTime)), (facts.Revenue, facts.LastPurchase));
        await Eventually.ReturnsAsync(() => MembersAsync(bigSpenders.Id), members => members.Count == 0, because: "for the customer to leave");
        var log = (await fixture.Client.GetFromJsonAsync<MembershipPage<MembershipLogEntry>>($"/api/segments/{bigSpenders.Id}/changes"))!.Items;
        Assert.Contains(log, entry => entry.CustomerId == customer && entry.Change == "left" && entry.Reason == "rule v1 no longer holds");

        // Another sale was made on the early day: reversing one of them keeps the day, but not the web channel.
        await ReverseAsync(early);

        facts = await fixture.FactsAsync<CustomerFactsView>(customer, f => f.Revenue == 10m);
        Assert.Equal((1, DateOnly.FromDateTime(sameDay.OccurredAt.UtcDateTime)), (facts.PurchaseDays, facts.LastPurchase));
        Assert.Equal("store:1", await fixture.ScalarAsync<string>(
            "select string_agg(channel || ':' || purchases, ',' order by channel) from purchase_channels where customer_id = @customer", new { customer }));

        // A second reversal of the same sale (another event) takes nothing more.
        await ReverseAsync(early);
        Assert.Equal(10m, (await fixture.FactsAsync<CustomerFactsView>(customer, _ => true)).Revenue);
    }

    [Fact]
    public async Task A_reversed_return_gives_back_the_revenue_it_took()
    {
        var customer = Guid.NewGuid();
        var returned = Sale(customer, Today.AddDays(-1), 30m, TransactionKinds.Return);
        await fixture.PublishAsync(new TransactionsRecorded(Guid.NewGuid(), Today, null, [Sale(customer, Today.AddDays(-2), 100m), returned]));
        await fixture.FactsAsync<CustomerFactsView>(customer, f => f.Revenue == 70m);

        await ReverseAsync(returned);

        var facts = await fixture.FactsAsync<CustomerFactsView>(customer, f => f.Revenue == 100m);
        Assert.Equal((1, DateOnly.FromDateTime(Today.AddDays(-2).UtcDateTime)), (facts.PurchaseDays, facts.LastPurchase));
    }

    [Fact]
    public async Task A_sale_reversed_before_it_arrives_never_counts_even_when_delivered_again()
    {
        var customer = Guid.NewGuid();
        var reversed = Sale(customer, Today.AddDays(-1), 60m);
        var kept = Sale(customer, Today.AddDays(-5), 15m);

        // The reversal travels in the customer's stream, an import's batch in its own: here the reversal comes first.
        await ReverseAsync(reversed);
        await fixture.PublishAsync(new TransactionsRecorded(Guid.NewGuid(), Today, Guid.NewGuid(), [reversed, kept]));
        var facts = await fixture.FactsAsync<CustomerFactsView>(customer, f => f.PurchaseDays == 1);
        Assert.Equal((15m, DateOnly.FromDateTime(kept.OccurredAt.UtcDateTime)), (facts.Revenue, facts.LastPurchase));

        // The same transactions in another event (an import run again) count nothing twice.
        var again = new TransactionsRecorded(Guid.NewGuid(), Today, Guid.NewGuid(), [reversed, kept]);
        await fixture.PublishAsync(again);
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", new { again.EventId }),
            count => count == 1, because: "for the repeated batch to be consumed");
        facts = await fixture.FactsAsync<CustomerFactsView>(customer, _ => true);
        Assert.Equal((1, 15m), (facts.PurchaseDays, facts.Revenue));
    }

    private async Task ReverseAsync(RecordedTransaction transaction)
    {
        var reversal = new TransactionReversed(Guid.NewGuid(), Today, transaction.CustomerId, transaction.TransactionId, transaction.ExternalId, "entered in error");
        await fixture.PublishAsync(reversal);
        await Eventually.ReturnsAsync(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", new { reversal.EventId }),
            count => count == 1, because: "for the reversal to be consumed");
    }

    private static RecordedTransaction Sale(Guid customerId, DateTimeOffset occurredAt, decimal amount, string kind = TransactionKinds.Sale, string channel = "web") =>
        new(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, occurredAt, channel, "EUR", kind, null, amount, 0, 0, amount, amount / 2, []);

    private async Task<HashSet<Guid>> MembersAsync(Guid segmentId) =>
        [.. (await fixture.Client.GetFromJsonAsync<MembershipPage<Guid>>($"/api/segments/{segmentId}/members"))!.Items];
}
