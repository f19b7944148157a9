using System.Net;
using System.Net.Http.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Profitability;
using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Portraits;
using Crm.Segmentation.Model.Value;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Segmentation.Tests.Portraits.PortraitSeeding;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>
/// A segment's pen portrait counts its members' facts exactly: demographics, sources, preferred channels (from sales
/// only, each day once), consents, value, RFM, profit bands and churn risk; erasure takes a customer's channels too.
/// </summary>
public sealed class SegmentPortraitTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    [Fact]
    public async Task A_segment_portrait_shows_its_members_mixes_with_exact_counts_and_shares()
    {
        // Twelve customers: 0–5 in DE, 6–9 in FR, 10–11 of unknown country; 0–4 customers since 2019, the rest 2021;
        // 0–6 from search, the rest from the store; 0–9 valued (profit −5, 5 or 100; churn low for 0–4).
        var token = $"p{Guid.NewGuid():N}"[..12];
        var customers = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
        await fixture.PublishAsync(Imported(customers.Select((id, i) => Registered(
            id, i < 6 ? "DE" : i < 10 ? "FR" : null, i < 7 ? $"{token}-search" : $"{token}-store", new DateOnly(i < 5 ? 2019 : 2021, 3, 1)))));
        await fixture.PublishAsync(Values(customers.Take(10).Select((id, i) => Valued(
            id, 100m * (i + 1), i < 4 ? -5m : i < 7 ? 5m : 100m, churnRisk: i < 5 ? ChurnRiskBands.Low : ChurnRiskBands.High))));
        // 0–7 buy most on the web, 8–9 in the store, 10 in the app, 11 never; 0–2 also return goods to the store
        // on three days, which are not purchases.
        var sales = customers.Take(8).SelectMany(id => new[] { Sale(id, 3, 20m), Sale(id, 5, 20m), Sale(id, 7, 30m, "store") })
            .Concat(customers[8..10].SelectMany(id => new[] { Sale(id, 3, 20m, "store"), Sale(id, 4, 20m, "store"), Sale(id, 9, 10m) }))
            .Append(Sale(customers[10], 2, 15m, "app"))
            .Concat(customers.Take(3).SelectMany(id => new[] { Return(id, 1, 5m, "store"), Return(id, 2, 5m, "store"), Return(id, 6, 5m, "store") }));
        var purchases = Transactions(sales);
        await fixture.PublishAsync(purchases);
        // Email marketing granted by 0–8; SMS by 0–2, then withdrawn again by 0.
        ConsentChanged Consent(Guid id, string channel, bool granted, int minutes) =>
            new(Guid.NewGuid(), Today, id, channel, "marketing", granted, "consent", "test", Today.AddMinutes(minutes));
        IIntegrationEvent[] consents =
            [.. customers.Take(9).Select(id => Consent(id, "email", true, 0)), .. customers.Take(3).Select(id => Consent(id, "sms", true, 0))];
        await fixture.PublishAsync(consents);
        var withdrawal = Consent(customers[0], "sms", false, 5);
        await fixture.PublishAsync(withdrawal);
        await fixture.WaitForConsumedAsync([purchases.EventId, withdrawal.EventId, .. consents.Select(consent => consent.EventId)]);
        await fixture.FactsAsync<CustomerFactsView>(customers[9], facts => facts.LifetimeValue == 1000m);

        var segment = await fixture.SaveSegmentAsync("Portrait", $$"""{ "field": "acquisitionSource", "op": "startsWith", "value": "{{token}}" }""");
        await fixture.WaitForMembersAsync(segment.Id, 12);
        await fixture.Service.Services.GetRequiredService<PopulationRecompute>().RunAsync(CancellationToken.None);

        var portrait = (await fixture.Client.GetFromJsonAsync<Portrait>($"/api/segments/{segment.Id}/portrait"))!;

        Assert.Equal((segment.Id, segment.Name, 12L), (portrait.SegmentId, portrait.Name, portrait.Members));
        Assert.Equal([("DE", 6L), ("FR", 4L), (PortraitMix.Unknown, 2L)], Mix(portrait.Demographics.Countries));
        Assert.Equal([("2021", 7L), ("2019", 5L)], Mix(portrait.Demographics.CustomerSinceCohorts));
        Assert.Equal([($"{token}-search", 7L), ($"{token}-store", 5L)], Mix(portrait.AcquisitionSources));
        Assert.Equal([("web", 8L), ("store", 2L), ("app", 1L), (PortraitMix.Unknown, 1L)], Mix(portrait.PreferredChannels));
        Assert.Equal([("email:marketing", 9L), ("sms:marketing", 2L)], Mix(portrait.ConsentCoverage));
        Assert.Equal([(ValueTiers.Loss, 4L), (ValueTiers.BreakEven, 3L), (ValueTiers.Profitable, 3L), (PortraitMix.Unknown, 2L)], Mix(portrait.ProfitBands));
        Assert.Equal([(ChurnRiskBands.High, 5L), (ChurnRiskBands.Low, 5L), (PortraitMix.Unknown, 2L)], Mix(portrait.ChurnRisks));
        AssertSharesOfMembers(portrait);
        Assert.Equal((0.5, 0.75), (portrait.Demographics.Countries[0].Share, portrait.ConsentCoverage[0].Share));
        // Sales 8 × 70 + 2 × 50 + 15, less 3 × 15 returned; profit 4 × −5 + 3 × 5 + 3 × 100.
        Assert.Equal((630m, 295m, 24.58m), (portrait.Revenue, portrait.Profit, portrait.AverageProfit));

        // Lifetime values 100, 200, … 1000 (two members not valued): interpolated percentiles.
        var value = portrait.LifetimeValue;
        Assert.Equal((10L, 550m, 100m, 1000m), (value.Valued, value.Average, value.Minimum, value.Maximum));
        Assert.Equal(new LifetimeValueQuantiles(190m, 325m, 550m, 775m, 910m), value.Quantiles);

        // RFM segments and value tiers are those the facts API gives each member.
        var facts = await Task.WhenAll(customers.Select(id => fixture.Client.GetFromJsonAsync<CustomerFactsView>($"/api/segments/customers/{id}/facts")));
        Assert.Equal(Counts(facts.Select(f => f!.RfmSegment)), Counts(portrait.Rfm.Segments));
        Assert.Equal(Counts(facts.Select(f => f!.ValueTier)), Counts(portrait.LifetimeValue.Tiers));
        Assert.Equal(11L, portrait.Rfm.Scored);
        Assert.Equal(facts.Where(f => f!.RfmRecency is not null).Average(f => f!.RfmRecency!.Value), portrait.Rfm.AverageRecency!.Value, 10);
        Assert.Equal(facts.Where(f => f!.RfmMonetary is not null).Average(f => f!.RfmMonetary!.Value), portrait.Rfm.AverageMonetary!.Value, 10);
    }

    [Fact]
    public async Task The_preferred_channel_counts_sales_days_only_and_a_replayed_batch_does_not_count_twice()
    {
        var token = $"c{Guid.NewGuid():N}"[..12];
        var (webFan, storeFan) = (Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAsync(Imported([Registered(webFan, source: token), Registered(storeFan, source: token)]));
        // The web fan buys on the web on two days and in the store on one, and returns to the store on three days.
        var webFanBuys = Transactions([Sale(webFan, 2, 10m), Sale(webFan, 4, 10m), Sale(webFan, 6, 10m, "store"),
            Return(webFan, 1, 1m, "store"), Return(webFan, 3, 1m, "store"), Return(webFan, 5, 1m, "store")]);
        // The store fan buys in the store on two days; the batch with their one web day arrives three times.
        var storeFanBuys = Transactions([Sale(storeFan, 2, 10m, "store"), Sale(storeFan, 3, 10m, "store"), Sale(storeFan, 3, 12m, "store")]);
        var webDay = Transactions([Sale(storeFan, 5, 10m)]);
        TransactionsRecorded[] replays = [webDay, webDay with { EventId = Guid.NewGuid() }, webDay with { EventId = Guid.NewGuid() }];
        TransactionsRecorded[] batches = [webFanBuys, storeFanBuys, .. replays];
        foreach (var batch in batches)
        {
            await fixture.PublishAsync(batch);
        }

        await fixture.Publisher.PublishDirectlyAsync(webFanBuys);
        await fixture.WaitForConsumedAsync([webFanBuys.EventId, storeFanBuys.EventId, .. replays.Select(batch => batch.EventId)]);
        var segment = await fixture.SaveSegmentAsync("Channels", $$"""{ "field": "acquisitionSource", "op": "eq", "value": "{{token}}" }""");
        await fixture.WaitForMembersAsync(segment.Id, 2);

        var portrait = (await fixture.Client.GetFromJsonAsync<Portrait>($"/api/segments/{segment.Id}/portrait"))!;

        Assert.Equal([("store", 1L), ("web", 1L)], Mix(portrait.PreferredChannels));
        Assert.Equal(["store:1", "web:2"], await ChannelsAsync(webFan));
        Assert.Equal(["store:2", "web:1"], await ChannelsAsync(storeFan));
    }

    [Fact]
    public async Task An_erased_customers_channel_purchases_are_forgotten()
    {
        var customer = Guid.NewGuid();
        var purchases = Transactions([Sale(customer, 2, 10m), Sale(customer, 3, 10m, "store")]);
        await fixture.PublishAsync(Registered(customer), purchases);
        await fixture.WaitForConsumedAsync(purchases.EventId);
        Assert.Equal(["store:1", "web:1"], await ChannelsAsync(customer));

        await fixture.PublishAsync(new CustomerErased(Guid.NewGuid(), Today, customer));

        await Eventually.ReturnsAsync(
            async () => (await fixture.Client.GetAsync($"/api/segments/customers/{customer}/facts")).StatusCode,
            status => status == HttpStatusCode.NotFound, because: "for the customer to be forgotten");
        Assert.Empty(await ChannelsAsync(customer));
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from purchase_channel_days where customer_id = @customer", new { customer }));
    }

    [Fact]
    public async Task An_unknown_segment_has_no_portrait()
    {
        var response = await fixture.Client.GetAsync($"/api/segments/{Guid.NewGuid()}/portrait");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static (string, long)[] Mix(IReadOnlyList<MixShare> mix) => [.. mix.Select(share => (share.Value, share.Count))];

    private static void AssertSharesOfMembers(Portrait portrait)
    {
        IReadOnlyList<MixShare>[] mixes =
        [
            portrait.Demographics.Countries, portrait.Demographics.CustomerSinceCohorts, portrait.AcquisitionSources, portrait.PreferredChannels,
            portrait.ConsentCoverage, portrait.ProfitBands, portrait.ChurnRisks, portrait.LifetimeValue.Tiers, portrait.Rfm.Segments,
        ];
        Assert.All(mixes.SelectMany(mix => mix), share => Assert.Equal((double)share.Count / portrait.Members, share.Share, 12));
    }

    private static Dictionary<string, long> Counts(IEnumerable<string?> values) =>
        values.GroupBy(value => value ?? PortraitMix.Unknown).ToDictionary(group => group.Key, group => (long)group.Count());

    private static Dictionary<string, long> Counts(IReadOnlyList<MixShare> mix) => mix.ToDictionary(share => share.Value, share => share.Count);

    private async Task<string[]> ChannelsAsync(Guid customer) =>
        (await fixture.ScalarAsync<string[]>(
            "select coalesce(array_agg(channel || ':' || purchases order by channel), '{}') from purchase_channels where customer_id = @customer",
            new { customer }))!;
}
