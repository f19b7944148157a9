using System.Net;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Segmentation;
using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Crm.Profitability.Tests.ProfitabilityFixture;

namespace Crm.Profitability.Tests;

/// <summary>
/// Import batches travel in their import's stream and erasure in the customer's, so a batch naming an erased customer
/// can arrive after the erasure was handled. It must not bring the person back; the others in it are recorded.
/// </summary>
public sealed class LateEventsAfterErasureTests(ProfitabilityFixture fixture) : IClassFixture<ProfitabilityFixture>
{
    private static readonly string[] PerCustomerTables = ["customers", "transaction_facts", "interaction_facts", "segment_memberships", "customer_values"];

    [Fact]
    public async Task Late_import_batches_bring_nothing_of_an_erased_customer_back_while_the_others_in_them_are_recorded()
    {
        var year = new DateTimeOffset(2061, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (erased, live) = (Guid.NewGuid(), Guid.NewGuid());
        await EraseAsync(erased);

        var import = Guid.NewGuid();
        var segment = Guid.NewGuid();
        IIntegrationEvent[] late =
        [
            new CustomersRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, import, [Registered(erased, "fair"), Registered(live, "fair")]),
            new TransactionsRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, import,
                [Sale(erased, year.AddDays(1), revenue: 40, channel: "kiosk"), Sale(live, year.AddDays(2), revenue: 60, channel: "kiosk")]),
            new InteractionsRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, import,
                [Interaction(erased, year.AddDays(3), "call", "phone"), Interaction(live, year.AddDays(4), "call", "phone")]),
            new SegmentMembershipsChanged(Guid.NewGuid(), DateTimeOffset.UtcNow,
                [Entered(erased, segment), Entered(live, segment)]),
        ];
        await fixture.PublishAsync(late);
        foreach (var message in late)
        {
            await WaitUntilConsumedAsync(message.EventId);
        }

        foreach (var table in PerCustomerTables)
        {
            Assert.True(await RowsOfAsync(table, erased) == 0, $"{table} holds a row of the erased customer");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/profitability/customers/{erased}/value")).StatusCode);
        var pnl = await fixture.GetAsync<CustomerProfitAndLoss>($"/api/profitability/customers/{erased}/pnl?{Period(year)}");
        Assert.Equal((0, 0), (pnl.Transactions, pnl.Interactions));
        Assert.Equal("fair", await fixture.ScalarAsync<string>("select acquisition_source from customers where customer_id = @live", new { live }));
        Assert.Equal(1, await RowsOfAsync("transaction_facts", live));
        Assert.Equal(1, await RowsOfAsync("interaction_facts", live));
        Assert.Equal(1, await RowsOfAsync("segment_memberships", live));
        // The erased customer's late sale counts in the totals under an anonymous id, as their earlier sales do.
        var kiosk = (await fixture.GetAsync<List<ChannelValue>>($"/api/profitability/channels?{Period(year)}")).Single(c => c.Channel == "kiosk");
        Assert.Equal((2, 2, 100m), (kiosk.Transactions, kiosk.Customers, kiosk.NetRevenue));
    }

    [Fact]
    public async Task A_scoring_run_that_read_a_customer_before_their_erasure_neither_stores_nor_announces_their_value()
    {
        var (erased, live) = (Guid.NewGuid(), Guid.NewGuid());
        await EraseAsync(erased);
        var store = fixture.Service.Services.GetRequiredService<CustomerValueStore>();
        var thresholds = fixture.Service.Services.GetRequiredService<IOptions<LifetimeValueOptions>>().Value;
        var settings = new ScoringRunSettings(new DateOnly(2061, 1, 1), TimeUnits.Weeks, 12, 0.01, "EUR");
        var now = DateTimeOffset.UtcNow;

        var moved = await store.WriteAsync([Value(erased, now), Value(live, now)], settings, thresholds, now, CancellationToken.None);

        Assert.Equal(1, moved);
        Assert.Equal(0, await RowsOfAsync("customer_values", erased));
        Assert.Equal(1, await RowsOfAsync("customer_values", live));
        Assert.Equal(0, await AnnouncementsNamingAsync(erased));
        Assert.Equal(1, await AnnouncementsNamingAsync(live));
    }

    [Fact]
    public async Task The_anonymous_ids_an_erasure_leaves_are_never_valued_or_announced()
    {
        var year = new DateTimeOffset(2062, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var customer = Guid.NewGuid();
        var before = Sale(customer, year.AddDays(1), revenue: 40);
        var earlier = new TransactionsRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, null, [before]);
        await fixture.PublishAsync(earlier);
        await WaitUntilConsumedAsync(earlier.EventId);
        await EraseAsync(customer);
        var after = Sale(customer, year.AddDays(2), revenue: 10);
        var late = new TransactionsRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), [after]);
        await fixture.PublishAsync(late);
        await WaitUntilConsumedAsync(late.EventId);
        var anonymous = new[]
        {
            await fixture.ScalarAsync<Guid>("select customer_id from transaction_facts where transaction_id = @Id", new { Id = before.TransactionId }),
            await fixture.ScalarAsync<Guid>("select customer_id from transaction_facts where transaction_id = @Id", new { Id = after.TransactionId }),
        };
        Assert.DoesNotContain(customer, anonymous);
        Assert.DoesNotContain(Guid.Empty, anonymous);
        var store = fixture.Service.Services.GetRequiredService<CustomerValueStore>();
        var thresholds = fixture.Service.Services.GetRequiredService<IOptions<LifetimeValueOptions>>().Value;
        var settings = new ScoringRunSettings(new DateOnly(2063, 1, 1), TimeUnits.Weeks, 12, 0.01, "EUR");
        var now = DateTimeOffset.UtcNow;

        // A scoring run reads every sale, the anonymous ones too (they shape the population's fit), and values each id.
        var moved = await store.WriteAsync([.. anonymous.Select(id => Value(id, now))], settings, thresholds, now, CancellationToken.None);

        Assert.Equal(0, moved);
        foreach (var id in anonymous)
        {
            Assert.Equal(0, await RowsOfAsync("customer_values", id));
            Assert.Equal(0, await AnnouncementsNamingAsync(id));
        }
    }

    private async Task EraseAsync(Guid customerId)
    {
        var erasure = new CustomerErased(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId);
        await fixture.PublishAsync(erasure);
        await WaitUntilConsumedAsync(erasure.EventId);
    }

    private Task WaitUntilConsumedAsync(Guid eventId) => Eventually.ReturnsAsync(
        () => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @eventId", new { eventId }),
        count => count == 1, because: $"for event {eventId} to be consumed");

    // The table names come from this class's own list, never from input.
    private Task<long> RowsOfAsync(string table, Guid customerId) =>
        fixture.ScalarAsync<long>($"select count(*) from {table} where customer_id = @customerId", new { customerId });

    private Task<long> AnnouncementsNamingAsync(Guid customerId) => fixture.ScalarAsync<long>(
        "select count(*) from outbox where message_type like '%CustomerValuesUpdated%' and position(@id in payload::text) > 0",
        new { id = customerId.ToString() });

    private static CustomerRegistered Registered(Guid customerId, string source) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, $"C-{customerId:N}", "Someone", null, AcquisitionSource: source);

    private static SegmentMembershipChanged Entered(Guid customerId, Guid segmentId) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, segmentId, "Fair visitors", 1, MembershipChanges.Entered, "rule");

    private static CustomerValue Value(Guid customerId, DateTimeOffset now) =>
        new(customerId, Guid.NewGuid(), 120m, 0.8, 2.5, 48m, 30m, "low", 2, 10, 20, now);

    private static string Period(DateTimeOffset year) => $"from={year:yyyy-MM-dd}&to={year.AddYears(1):yyyy-MM-dd}";
}
