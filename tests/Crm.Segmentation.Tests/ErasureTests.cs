using System.Net;
using System.Net.Http.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Loyalty;
using Crm.Contracts.Profitability;
using Crm.Messaging.Inbox;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Model;
using Crm.Testing;
using Dapper;

namespace Crm.Segmentation.Tests;

/// <summary>
/// Erasure is final: events about an erased customer that travel in other streams (an import's batches, a value run,
/// loyalty tiers) and arrive after the erasure bring back none of their facts and put them in no segment, while the
/// other customers in the same batches are recorded as usual.
/// </summary>
public sealed class ErasureTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date.AddHours(10), TimeSpan.Zero);

    [Fact]
    public async Task Events_arriving_after_an_erasure_record_nothing_about_the_erased_customer_and_the_live_one_as_usual()
    {
        var country = $"G{Guid.NewGuid():N}"[..8];
        var erased = Guid.NewGuid();
        var live = Guid.NewGuid();
        // It would take in anyone segmentation has facts for: by country, or with none (as a sale alone leaves them).
        var segment = await fixture.CreateSegmentAsync(
            $$"""{ "any": [ { "field": "country", "op": "eq", "value": "{{country}}" }, { "field": "country", "op": "missing" } ] }""");
        await fixture.PublishAsync(Registered(erased, country));
        await fixture.FactsAsync<CustomerFactsView>(erased, _ => true);
        var erasure = new CustomerErased(Guid.NewGuid(), Today, erased);
        await fixture.PublishAsync(erasure);
        await HandledAsync(erasure);

        var importId = Guid.NewGuid();
        IIntegrationEvent[] late =
        [
            new CustomersRegistered(Guid.NewGuid(), Today, importId, [Registered(erased, country), Registered(live, country)]),
            new TransactionsRecorded(Guid.NewGuid(), Today, importId, [Sale(erased), Sale(live)]),
            new CustomerValuesUpdated(Guid.NewGuid(), Today, Guid.NewGuid(), [Value(erased), Value(live)]),
            Consent(erased), Consent(live),
            new TierChanged(Guid.NewGuid(), Today, erased, null, "gold", "earned 5,000 points"),
            new TierChanged(Guid.NewGuid(), Today, live, null, "gold", "earned 5,000 points"),
        ];
        await fixture.PublishAsync(late);
        await HandledAsync(late);

        var facts = await fixture.FactsAsync<CustomerFactsView>(live, _ => true);
        Assert.Equal((country, 1, (decimal?)300m, "gold"), (facts.Country, facts.PurchaseDays, facts.LifetimeValue, facts.LoyaltyTier));
        Assert.Equal(["email:marketing", "sms:marketing"], facts.Consents);
        await Eventually.ReturnsAsync(
            async () => (await fixture.Client.GetFromJsonAsync<MembershipPage<Guid>>($"/api/segments/{segment.Id}/members"))!.Items,
            members => members.Contains(live), because: "for the live customer to enter the segment");

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/segments/customers/{erased}/facts")).StatusCode);
        var holding = new List<(string Table, long Rows)>();
        foreach (var table in new[] { "customer_facts", "consents", "purchase_days", "purchase_channel_days", "purchase_channels", "segment_members", "membership_changes" })
        {
            holding.Add((table, await fixture.ScalarAsync<long>($"select count(*) from {table} where customer_id = @erased", new { erased })));
        }

        Assert.DoesNotContain(holding, table => table.Rows > 0);
    }

    [Fact]
    public async Task An_erasure_arriving_while_a_write_about_the_person_is_uncommitted_waits_for_it_and_forgets_it_too()
    {
        var erased = Guid.NewGuid();
        await fixture.PublishAsync(Registered(erased, "GB"));
        await fixture.FactsAsync<CustomerFactsView>(erased, _ => true);

        // A consumer's transaction in flight: it passed the erasure gate and wrote a consent, not yet committed.
        await using var connection = fixture.OpenDatabase();
        await using var write = await connection.BeginTransactionAsync();
        await ErasureGate.PassAsync(write, CancellationToken.None);
        await connection.ExecuteAsync(
            "insert into consents (customer_id, channel, purpose, granted, changed_at) values (@erased, 'sms', 'service', true, now())",
            new { erased }, write);

        var erasure = new CustomerErased(Guid.NewGuid(), Today, erased);
        await fixture.PublishAsync(erasure);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @EventId", erasure));

        await write.CommitAsync();
        await HandledAsync(erasure);
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from consents where customer_id = @erased", new { erased }));
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from customer_facts where customer_id = @erased", new { erased }));
    }

    private Task HandledAsync(params IIntegrationEvent[] events) => Eventually.ReturnsAsync(
        () => fixture.ScalarAsync<long>("select count(distinct message_id) from inbox where message_id = any(@Ids)", new { Ids = events.Select(e => e.EventId).ToArray() }),
        handled => handled == events.Length, because: "for every event to be handled");

    private static CustomerRegistered Registered(Guid customerId, string country) =>
        new(Guid.NewGuid(), Today, customerId, $"C-{customerId:N}", "Someone", null, Country: country,
            Consents: [new ConsentGrant("email", "marketing", "consent", "import", Today.AddYears(-1))]);

    private static RecordedTransaction Sale(Guid customerId) =>
        new(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, Today.AddDays(-2), "web", "EUR", TransactionKinds.Sale, null, 40m, 0, 0, 40m, 20m, []);

    private static CustomerValueUpdated Value(Guid customerId) =>
        new(Guid.NewGuid(), Today, customerId, 300m, 0.9, 2, 25m, "EUR", ChurnRiskBands.Low, 12);

    private static ConsentChanged Consent(Guid customerId) =>
        new(Guid.NewGuid(), Today, customerId, "sms", "marketing", true, "consent", "api", Today);
}
