using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Data;
using Dapper;

namespace Crm.Segmentation.Tests.Recompute;

/// <summary>
/// The full recompute job measures the population's cut points and leaves every segment holding exactly the
/// customers its rule holds for, counting what it moved; after it, incremental maintenance and the job agree.
/// </summary>
public sealed class FullRecomputeTests(RecomputeFixture fixture) : IClassFixture<RecomputeFixture>
{
    [Fact]
    public async Task A_job_rescores_the_population_and_leaves_every_segment_holding_exactly_whom_its_rule_holds_for()
    {
        // 1,000 customers over two countries of this test's own, worth 1 to 1,000; every third grants email marketing.
        var (here, there) = (Population.NewCountry(), Population.NewCountry());
        var customers = Enumerable.Range(0, 1_000).Select(i => (Id: Guid.NewGuid(), Country: i % 2 == 0 ? here : there, Value: i + 1m, Email: i % 3 == 0)).ToArray();
        var platinumHere = await fixture.CreateSegmentAsync($$"""{ "all": [ { "field": "country", "op": "eq", "value": "{{here}}" }, { "field": "valueTier", "op": "eq", "value": "platinum" } ] }""");
        var goldByEmail = await fixture.CreateSegmentAsync($$"""
            { "all": [ { "field": "country", "op": "in", "value": ["{{here}}", "{{there}}"] }, { "field": "valueTier", "op": "eq", "value": "gold" },
                       { "field": "consent", "op": "contains", "value": "email:marketing" } ] }
            """);
        var modestThere = await fixture.CreateSegmentAsync($$"""{ "all": [ { "field": "country", "op": "eq", "value": "{{there}}" }, { "not": { "field": "lifetimeValue", "op": "gte", "value": 500 } } ] }""");
        var bronzeOrEmail = await fixture.CreateSegmentAsync($$"""
            { "all": [ { "field": "country", "op": "in", "value": ["{{here}}", "{{there}}"] },
                       { "any": [ { "field": "valueTier", "op": "eq", "value": "bronze" }, { "field": "consent", "op": "contains", "value": "email:marketing" } ] } ] }
            """);
        await SeedAsync(customers.Select(c => (c.Id, c.Country, c.Value, c.Email)));

        var before = await fixture.AllMembershipsAsync();
        var (status, requested, location) = await fixture.RequestRecomputeAsync();
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal($"/api/segments/recomputes/{requested.Id}", location?.OriginalString);
        var job = await fixture.JobWhenAsync(requested.Id, j => j.Status is RecomputeJobStatus.Succeeded or RecomputeJobStatus.Failed, "for the job to finish");
        var after = await fixture.AllMembershipsAsync();

        // Truth, worked out here: tiers from the deciles of every valued customer in the database.
        var tiers = new ValueTierTruth(await fixture.QueryAsync<double>("select lifetime_value::double precision from customer_facts where lifetime_value is not null"));
        Assert.Equal(
            customers.Where(c => c.Country == here && tiers.TierOf(c.Value) == "platinum").Select(c => c.Id).ToHashSet(),
            await fixture.MembersAsync(platinumHere.Id));
        Assert.Equal(
            customers.Where(c => tiers.TierOf(c.Value) == "gold" && c.Email).Select(c => c.Id).ToHashSet(),
            await fixture.MembersAsync(goldByEmail.Id));
        Assert.Equal(
            customers.Where(c => c.Country == there && c.Value < 500).Select(c => c.Id).ToHashSet(),
            await fixture.MembersAsync(modestThere.Id));
        Assert.Equal(
            customers.Where(c => tiers.TierOf(c.Value) == "bronze" || c.Email).Select(c => c.Id).ToHashSet(),
            await fixture.MembersAsync(bronzeOrEmail.Id));

        // The job's counts are what it moved, over every segment of the service.
        var population = await fixture.ScalarAsync<int>("select count(*) from customer_facts");
        Assert.Equal(RecomputeJobStatus.Succeeded, job.Status);
        Assert.Equal(RecomputeJobPhase.Evaluating, job.Phase);
        Assert.Null(job.Error);
        Assert.Equal((population, population), (job.CustomersTotal, job.CustomersDone));
        Assert.Equal(await fixture.ScalarAsync<int>("select count(*) from segments"), job.SegmentsEvaluated);
        Assert.Equal(after.Except(before).Count(), job.MembershipsEntered);
        Assert.Equal(before.Except(after).Count(), job.MembershipsLeft);
        Assert.True(job.StartedAt <= job.MeasuredAt && job.MeasuredAt <= job.FinishedAt);

        // Each entry is logged with why and announced.
        var log = (await fixture.Client.GetFromJsonAsync<MembershipPage<MembershipLogEntry>>(
            $"/api/segments/{platinumHere.Id}/changes?limit=1000", JsonSerializerOptions.Web))!.Items;
        Assert.All(log, entry => Assert.Equal(("entered", "rule v1 holds (full recompute)"), (entry.Change, entry.Reason)));
        Assert.Equal(log.Count, await fixture.ScalarAsync<long>(
            """
            select count(*) from outbox o, json_array_elements(o.payload::json->'changes') c
            where o.message_type like '%SegmentMembershipsChanged%' and c->>'segmentId' = @Id and c->>'reason' like '%(full recompute)'
            """, new { Id = platinumHere.Id.ToString() }));
    }

    [Fact]
    public async Task After_events_have_moved_customers_incrementally_a_full_recompute_finds_nothing_to_change()
    {
        var (here, there) = (Population.NewCountry(), Population.NewCountry());
        var customers = Enumerable.Range(0, 400).Select(i => (Id: Guid.NewGuid(), Country: i % 2 == 0 ? here : there, Value: 10m * (i + 1), Email: i % 4 == 0)).ToArray();
        var valuableHere = await fixture.CreateSegmentAsync($$"""{ "all": [ { "field": "country", "op": "eq", "value": "{{here}}" }, { "field": "valueTier", "op": "in", "value": ["platinum", "gold"] } ] }""");
        var reachable = await fixture.CreateSegmentAsync($$"""
            { "all": [ { "field": "country", "op": "in", "value": ["{{here}}", "{{there}}"] }, { "field": "consent", "op": "contains", "value": "email:marketing" },
                       { "not": { "field": "valueTier", "op": "eq", "value": "bronze" } } ] }
            """);
        await SeedAsync(customers.Select(c => (c.Id, c.Country, c.Value, c.Email)));
        Assert.Equal(RecomputeJobStatus.Succeeded, (await fixture.RecomputeAsync()).Status);
        var settled = await fixture.AllMembershipsAsync();

        // Events move customers one by one: values swapped between the cheapest and dearest (so the population's
        // deciles stay where they are), then email consent granted to some and withdrawn from others. One kind after
        // the other: two events about one customer handled at the same moment by different consumers each see the
        // other's change uncommitted, which incremental maintenance does not serialise (the full recompute repairs it).
        var swapped = Enumerable.Range(0, 50).SelectMany(i => new[] { (customers[i].Id, customers[^(i + 1)].Value), (customers[^(i + 1)].Id, customers[i].Value) });
        await PublishAndWaitAsync(Population.Values(swapped));
        await PublishAndWaitAsync(
        [
            .. customers.Where((c, i) => i % 4 == 1 && i < 200).Select(c => Population.Consent(c.Id, "email:marketing", true)),
            .. customers.Where((c, i) => i % 4 == 0 && i >= 200).Select(c => Population.Consent(c.Id, "email:marketing", false)),
        ]);
        var maintained = await fixture.AllMembershipsAsync();
        Assert.Contains(settled, m => m.SegmentId == valuableHere.Id);
        Assert.Contains(settled, m => m.SegmentId == reachable.Id);
        Assert.False(settled.SetEquals(maintained), "the events should have moved someone");

        var job = await fixture.RecomputeAsync();

        Assert.Equal(RecomputeJobStatus.Succeeded, job.Status);
        Assert.Equal((0L, 0L), (job.MembershipsEntered, job.MembershipsLeft));
        Assert.Equal(maintained, await fixture.AllMembershipsAsync());
    }

    private async Task PublishAndWaitAsync(params IIntegrationEvent[] events)
    {
        await fixture.PublishAsync(events);
        await fixture.CountReachesAsync("select count(*) from inbox where message_id = any(@Ids)", events.Length, new { Ids = Population.EventIds(events) });
    }

    private async Task SeedAsync(IEnumerable<(Guid Id, string Country, decimal Value, bool Email)> customers)
    {
        var seeded = customers.ToList();
        IIntegrationEvent[] events =
        [
            Population.Registered(seeded.Select(c => (c.Id, c.Country))),
            Population.Values(seeded.Select(c => (c.Id, c.Value))),
            .. seeded.Where(c => c.Email).Select(c => Population.Consent(c.Id, "email:marketing", true)),
        ];
        await fixture.PublishAsync(events);
        await fixture.CountReachesAsync("select count(*) from inbox where message_id = any(@Ids)", events.Length, new { Ids = Population.EventIds(events) });
    }
}
