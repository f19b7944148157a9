using System.Net.Http.Json;
using Crm.Segmentation.Model.Portraits;
using static Crm.Segmentation.Tests.Portraits.PortraitSeeding;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>
/// The population portrait is everyone segmentation knows, and a segment's shares of customers, revenue and profit
/// are its members' part of the population's (this class's database holds only the customers seeded here).
/// </summary>
public sealed class PopulationPortraitTests(SegmentationFixture fixture) : IClassFixture<SegmentationFixture>
{
    [Fact]
    public async Task The_population_is_everyone_and_a_segment_brings_its_share_of_customers_revenue_and_profit()
    {
        // Ten customers: customer i buys for 10 × (i + 1) and has profit 5 × (i + 1) − 10; 6–9 are "vip".
        var customers = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        await fixture.PublishAsync(Imported(customers.Select((id, i) => Registered(id, "NL", i >= 6 ? "vip" : "walk-in"))));
        var purchases = Transactions(customers.Select((id, i) => Sale(id, 3, 10m * (i + 1))));
        var values = Values(customers.Select((id, i) => Valued(id, 100m, 5m * (i + 1) - 10m)));
        await fixture.PublishAsync(purchases, values);
        await fixture.WaitForConsumedAsync(purchases.EventId, values.EventId);
        var vip = await fixture.SaveSegmentAsync("VIP", """{ "field": "acquisitionSource", "op": "eq", "value": "vip" }""");
        await fixture.WaitForMembersAsync(vip.Id, 4);

        var population = (await fixture.Client.GetFromJsonAsync<Portrait>("/api/segments/population/portrait"))!;
        var segment = (await fixture.Client.GetFromJsonAsync<Portrait>($"/api/segments/{vip.Id}/portrait"))!;

        Assert.Equal(((Guid?)null, "population", 10L, 1.0), (population.SegmentId, population.Name, population.Members, population.ShareOfCustomers));
        Assert.Equal((550m, 1.0, 175m, 1.0), (population.Revenue, population.ShareOfRevenue, population.Profit, population.ShareOfProfit));
        Assert.Equal([new MixShare("NL", 10, 1.0)], population.Demographics.Countries);
        Assert.Equal([new MixShare("walk-in", 6, 0.6), new MixShare("vip", 4, 0.4)], population.AcquisitionSources);
        Assert.Equal([new MixShare("web", 10, 1.0)], population.PreferredChannels);

        // VIP revenue 70 + 80 + 90 + 100 of 550; profit 25 + 30 + 35 + 40 of 175.
        Assert.Equal((4L, 0.4), (segment.Members, segment.ShareOfCustomers));
        Assert.Equal((340m, 130m), (segment.Revenue, segment.Profit));
        Assert.Equal(340.0 / 550, segment.ShareOfRevenue!.Value, 12);
        Assert.Equal(130.0 / 175, segment.ShareOfProfit!.Value, 12);
    }
}
