using System.Net;
using System.Text.Json;
using Crm.Contracts.Customers;
using Crm.Contracts.Profitability;
using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Segmentation.Tests;

/// <summary>
/// The facts segment rules read follow the customers' and profitability's events: profile, consent, purchases with
/// RFM scores, values with tiers; a full recompute measures the population and rescored everyone; erasure forgets.
/// </summary>
public sealed class CustomerFactsTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    // Mid-morning of today (UTC), so an hour later is still the same calendar day whenever the tests run.
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date.AddHours(10), TimeSpan.Zero);

    [Fact]
    public async Task Facts_follow_profile_consent_purchases_and_value_and_a_recompute_scores_rfm_and_tiers()
    {
        // Ten customers: customer i bought on i distinct days, the last one i days ago, and is worth 100 × i.
        var customers = Enumerable.Range(1, 10).Select(_ => Guid.NewGuid()).ToArray();
        await fixture.PublishAsync(
            [.. customers.Select((id, i) => (Crm.Contracts.IIntegrationEvent)new CustomerRegistered(
                Guid.NewGuid(), Today, id, $"C-{id:N}", "Someone", null, AcquisitionSource: i % 2 == 0 ? "search" : "store", Country: "DE"))]);
        await fixture.PublishAsync(new TransactionsRecorded(Guid.NewGuid(), Today, null,
            [.. customers.SelectMany((id, i) => Enumerable.Range(0, i + 1).Select(day => Sale(id, Today.AddDays(-(i + 1) - day * 3), 10m)))]));
        await fixture.PublishAsync(new CustomerValuesUpdated(Guid.NewGuid(), Today, Guid.NewGuid(),
            [.. customers.Select((id, i) => new CustomerValueUpdated(Guid.NewGuid(), Today, id, 100m * (i + 1), 0.8, 1.5, 20m * i - 30m, "EUR", ChurnRiskBands.Low, 12))]));
        await fixture.PublishAsync(new ConsentChanged(Guid.NewGuid(), Today, customers[9], "email", "marketing", true, "consent", "test", Today));

        // The four kinds of event go to different consumers, so they land in any order: wait for all of them.
        var best = await fixture.FactsAsync<CustomerFactsView>(customers[9],
            f => f.Country is not null && f.LifetimeValue is not null && f.PurchaseDays == 10 && f.Consents.Count == 1);
        Assert.Equal(("store", "DE", 100m), (best.AcquisitionSource, best.Country, best.Revenue));
        Assert.Equal(["email:marketing"], best.Consents);
        Assert.Equal(ValueTiers.Profitable, best.ProfitBand);
        Assert.Null(best.RfmSegment);   // no population quintiles before the first full recompute

        var outcome = await fixture.Service.Services.GetRequiredService<PopulationRecompute>().RunAsync(CancellationToken.None);

        Assert.True(outcome.Customers >= 10);
        var rescored = await fixture.FactsAsync<CustomerFactsView>(customers[9], f => f.RfmSegment is not null);
        Assert.Equal((5, 5), (rescored.RfmFrequency, rescored.RfmMonetary));
        Assert.Equal(ValueTiers.Platinum, rescored.ValueTier);
        var newest = await fixture.FactsAsync<CustomerFactsView>(customers[0], f => f.RfmSegment is not null);
        Assert.Equal((5, 1, ValueTiers.Bronze), (newest.RfmRecency, newest.RfmFrequency, newest.ValueTier));
        Assert.Equal(RfmSegments.NewCustomers, newest.RfmSegment);

        // After the recompute, a purchase is scored against the population as it arrives.
        await fixture.PublishAsync(new TransactionsRecorded(Guid.NewGuid(), Today, null,
            [.. Enumerable.Range(0, 12).Select(day => Sale(customers[0], Today.AddDays(-40 - day), 50m))]));
        var grown = await fixture.FactsAsync<CustomerFactsView>(customers[0], f => f.PurchaseDays == 13);
        Assert.Equal((5, 5, 5, RfmSegments.Champions), (grown.RfmRecency, grown.RfmFrequency, grown.RfmMonetary, grown.RfmSegment));
    }

    [Fact]
    public async Task A_batch_delivered_twice_or_a_day_bought_twice_counts_once_and_returns_take_revenue_back()
    {
        var customer = Guid.NewGuid();
        var batch = new TransactionsRecorded(Guid.NewGuid(), Today, null,
            [Sale(customer, Today.AddDays(-3), 40m), Sale(customer, Today.AddDays(-3).AddHours(1), 10m), Sale(customer, Today.AddDays(-1), 25m, TransactionKinds.Return)]);
        await fixture.PublishAsync(batch);
        await fixture.Publisher.PublishDirectlyAsync(batch);

        var facts = await fixture.FactsAsync<CustomerFactsView>(customer, f => f.PurchaseDays == 1);
        await Eventually(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", new { batch.EventId }), 1);

        Assert.Equal(25m, facts.Revenue);   // 40 + 10 − 25 returned
        Assert.Equal(DateOnly.FromDateTime(Today.AddDays(-3).UtcDateTime), facts.LastPurchase);
    }

    [Fact]
    public async Task Transactions_in_another_currency_add_no_revenue_and_no_purchase_day()
    {
        var customer = Guid.NewGuid();
        var batch = new TransactionsRecorded(Guid.NewGuid(), Today, null,
            [Sale(customer, Today.AddDays(-2), 270m), Sale(customer, Today.AddDays(-1), 150_000m) with { Currency = "JPY" }]);
        await fixture.PublishAsync(batch);
        await Eventually(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", new { batch.EventId }), 1);

        var facts = await fixture.FactsAsync<CustomerFactsView>(customer, f => f.PurchaseDays > 0);

        // Revenue is added up in the reporting currency (EUR) only, as profitability's P&Ls are.
        Assert.Equal((270m, 1, DateOnly.FromDateTime(Today.AddDays(-2).UtcDateTime)), (facts.Revenue, facts.PurchaseDays, facts.LastPurchase));
    }

    [Fact]
    public async Task An_older_consent_change_arriving_late_does_not_override_a_newer_one()
    {
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(new CustomerRegistered(Guid.NewGuid(), Today, customer, $"C-{customer:N}", "Someone", null));
        var withdrawn = new ConsentChanged(Guid.NewGuid(), Today, customer, "sms", "marketing", false, "consent", "test", Today);
        var lateGrant = new ConsentChanged(Guid.NewGuid(), Today, customer, "sms", "marketing", true, "consent", "test", Today.AddDays(-5));
        await fixture.PublishAsync(withdrawn);
        await fixture.PublishAsync(lateGrant);
        await Eventually(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = any(@Ids)", new { Ids = new[] { withdrawn.EventId, lateGrant.EventId } }), 2);

        var facts = await fixture.FactsAsync<CustomerFactsView>(customer, _ => true);

        Assert.Empty(facts.Consents);
    }

    [Fact]
    public async Task An_imported_customers_attributes_and_consents_reach_the_facts_rules_read()
    {
        var customer = Guid.NewGuid();
        var withdrawn = new ConsentChanged(Guid.NewGuid(), Today, customer, "sms", "marketing", false, "consent", "api", Today);
        var registered = new CustomerRegistered(
            Guid.NewGuid(), Today, customer, $"C-{customer:N}", "Someone", null, Attributes: JsonDocument.Parse("""{"tier":"gold"}""").RootElement,
            Consents: [new ConsentGrant("email", "surveys", "consent", "import", Today.AddYears(-2)), new ConsentGrant("sms", "marketing", "consent", "import", Today.AddYears(-2))]);

        // The withdrawal is newer than the grant the import carries, though it arrives first.
        await fixture.PublishAsync(withdrawn);
        await Eventually(() => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", new { withdrawn.EventId }), 1);
        await fixture.PublishAsync(new CustomersRegistered(Guid.NewGuid(), Today, Guid.NewGuid(), [registered]));

        var facts = await fixture.FactsAsync<CustomerFactsView>(customer, f => f.Consents.Count > 0);
        Assert.Equal(["email:surveys"], facts.Consents);
        Assert.Equal("gold", await fixture.ScalarAsync<string>("select attributes->>'tier' from customer_facts where customer_id = @customer", new { customer }));
    }

    [Fact]
    public async Task An_erased_customer_is_forgotten()
    {
        var customer = Guid.NewGuid();
        await fixture.PublishAsync(
            new CustomerRegistered(Guid.NewGuid(), Today, customer, $"C-{customer:N}", "Someone", null),
            new TransactionsRecorded(Guid.NewGuid(), Today, null, [Sale(customer, Today.AddDays(-2), 10m)]));
        await fixture.FactsAsync<CustomerFactsView>(customer, f => f.PurchaseDays == 1);

        await fixture.PublishAsync(new CustomerErased(Guid.NewGuid(), Today, customer));

        await Crm.Testing.Eventually.ReturnsAsync(
            async () => (await fixture.Client.GetAsync($"/api/segments/customers/{customer}/facts")).StatusCode,
            status => status == HttpStatusCode.NotFound, because: "for the customer to be forgotten");
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from purchase_days where customer_id = @customer", new { customer }));
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from recorded_transactions where customer_id = @customer", new { customer }));
    }

    private static RecordedTransaction Sale(Guid customerId, DateTimeOffset occurredAt, decimal amount, string kind = TransactionKinds.Sale) =>
        new(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, occurredAt, "web", "EUR", kind, null, amount, 0, 0, amount, amount / 2, []);

    private static Task Eventually(Func<Task<long>> probe, long minimum) =>
        Crm.Testing.Eventually.ReturnsAsync(probe, value => value >= minimum, because: $"for the count to reach {minimum}");
}
