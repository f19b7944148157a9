using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Segmentation.Tests.Recompute;

/// <summary>
/// The recompute as a job resource: one at a time (a second request answers the running one), progress committed page
/// by page, jobs listed latest first.
/// </summary>
public sealed class RecomputeJobTests(RecomputeFixture fixture) : IClassFixture<RecomputeFixture>
{
    [Fact]
    public async Task A_request_while_a_job_runs_answers_that_job_and_starts_no_second_one()
    {
        var here = Population.NewCountry();
        await SeedAsync(Enumerable.Range(0, 10).Select(i => (Guid.NewGuid(), here, 10m * i)));
        RecomputeJob first;
        await using (var holder = fixture.OpenDatabase())
        {
            // Holding the cut points keeps the job in its measuring phase until released.
            await using var hold = await holder.BeginTransactionAsync();
            await holder.ExecuteAsync("lock table breakpoints in share mode", transaction: hold);

            var (status, requested, _) = await fixture.RequestRecomputeAsync();
            Assert.Equal(HttpStatusCode.Accepted, status);
            var running = await fixture.JobWhenAsync(requested.Id, j => j.Status == RecomputeJobStatus.Running, "for the job to start");
            Assert.Equal(RecomputeJobPhase.Measuring, running.Phase);

            var (again, answered, _) = await fixture.RequestRecomputeAsync();

            Assert.Equal(HttpStatusCode.OK, again);
            Assert.Equal(requested.Id, answered.Id);
            Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from recompute_jobs where status in ('queued', 'running')"));
            await hold.RollbackAsync();
            first = await fixture.JobWhenAsync(requested.Id, j => j.Status != RecomputeJobStatus.Running, "for the job to finish");
        }

        Assert.Equal(RecomputeJobStatus.Succeeded, first.Status);
        var second = await fixture.RecomputeAsync();
        Assert.NotEqual(first.Id, second.Id);

        // Latest first, a keyset page at a time.
        var latest = (await fixture.Client.GetFromJsonAsync<RecomputeJobPage>("/api/segments/recomputes?limit=1", JsonSerializerOptions.Web))!;
        Assert.Equal([second.Id], latest.Items.Select(j => j.Id));
        var older = (await fixture.Client.GetFromJsonAsync<RecomputeJobPage>($"/api/segments/recomputes?limit=1&after={latest.Next}", JsonSerializerOptions.Web))!;
        Assert.Equal([first.Id], older.Items.Select(j => j.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/api/segments/recomputes?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/segments/recomputes/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Progress_is_committed_page_by_page_and_a_member_the_rule_does_not_hold_for_is_taken_out()
    {
        var here = Population.NewCountry();
        var customers = Enumerable.Range(0, 250).Select(i => (Id: Guid.NewGuid(), Country: here, Value: 1m * i)).ToArray();
        var valuable = await fixture.CreateSegmentAsync($$"""{ "all": [ { "field": "country", "op": "eq", "value": "{{here}}" }, { "field": "lifetimeValue", "op": "gte", "value": 100 } ] }""");
        var nobody = await fixture.CreateSegmentAsync("""{ "field": "country", "op": "eq", "value": "nowhere" }""");
        await SeedAsync(customers.Select(c => (c.Id, c.Country, c.Value)));
        await fixture.CountReachesAsync("select count(*) from segment_members where segment_id = @Id", 150, new { valuable.Id });

        // A stale membership (the rule does not hold for the customer) of the customer the scan reaches last, held
        // locked, so the job stops on that customer's page with every other page committed.
        var population = await fixture.ScalarAsync<int>("select count(*) from customer_facts");
        var last = await fixture.ScalarAsync<Guid>("select customer_id from customer_facts order by ctid desc limit 1");
        RecomputeJob job;
        await using (var holder = fixture.OpenDatabase())
        {
            await holder.ExecuteAsync("insert into segment_members (segment_id, customer_id, since) values (@Segment, @Customer, now())", new { Segment = nobody.Id, Customer = last });
            await using var hold = await holder.BeginTransactionAsync();
            await holder.ExecuteAsync(
                "select from segment_members where segment_id = @Segment and customer_id = @Customer for update", new { Segment = nobody.Id, Customer = last }, hold);

            var (_, requested, _) = await fixture.RequestRecomputeAsync();
            // Stopped: every page but one committed, and nothing moves.
            var (stopped, still) = await Eventually.ReturnsAsync(
                async () => (await fixture.JobAsync(requested.Id), await Task.Delay(300).ContinueWith(_ => fixture.JobAsync(requested.Id)).Unwrap()),
                pair => pair.Item1.Phase == RecomputeJobPhase.Evaluating && pair.Item1.CustomersDone == pair.Item2.CustomersDone
                    && population - pair.Item2.CustomersDone <= RecomputeFixture.PageSize,
                TimeSpan.FromSeconds(20), "for every page but one");

            Assert.Equal(RecomputeJobStatus.Running, still.Status);
            Assert.Equal(population, still.CustomersTotal);
            Assert.InRange(still.CustomersDone, 1, population - 1);
            Assert.NotNull(stopped.MeasuredAt);
            await hold.RollbackAsync();
            job = await fixture.JobWhenAsync(requested.Id, j => j.Status != RecomputeJobStatus.Running, "for the job to finish");
        }

        Assert.Equal(RecomputeJobStatus.Succeeded, job.Status);
        Assert.Equal(population, job.CustomersDone);
        Assert.True(job.MembershipsLeft >= 1);
        Assert.Empty(await fixture.MembersAsync(nobody.Id));
        var log = (await fixture.Client.GetFromJsonAsync<MembershipPage<MembershipLogEntry>>($"/api/segments/{nobody.Id}/changes", JsonSerializerOptions.Web))!.Items;
        Assert.Equal([(last, "left", "rule v1 no longer holds (full recompute)")], log.Select(entry => (entry.CustomerId, entry.Change, entry.Reason)));
        Assert.Equal(customers.Where(c => c.Value >= 100).Select(c => c.Id).ToHashSet(), await fixture.MembersAsync(valuable.Id));
    }

    [Fact]
    public async Task A_job_left_running_by_a_replica_that_died_is_failed_and_a_new_one_can_start()
    {
        var abandoned = Guid.CreateVersion7();
        await fixture.ScalarAsync<int>(
            "insert into recompute_jobs (id, status, trigger, phase, requested_at, started_at) values (@Id, 'running', 'request', 'evaluating', now(), now())",
            new { Id = abandoned });

        var (status, answered, _) = await fixture.RequestRecomputeAsync();

        Assert.Equal((HttpStatusCode.OK, abandoned), (status, answered.Id));
        var failed = await fixture.JobWhenAsync(abandoned, j => j.Status != RecomputeJobStatus.Running, "for the abandoned job to be failed");
        Assert.Equal(RecomputeJobStatus.Failed, failed.Status);
        Assert.StartsWith("interrupted", failed.Error);
        Assert.Equal(RecomputeJobStatus.Succeeded, (await fixture.RecomputeAsync()).Status);
    }

    private async Task SeedAsync(IEnumerable<(Guid Id, string Country, decimal Value)> customers)
    {
        var seeded = customers.ToList();
        IIntegrationEvent[] events = [Population.Registered(seeded.Select(c => (c.Id, c.Country))), Population.Values(seeded.Select(c => (c.Id, c.Value)))];
        await fixture.PublishAsync(events);
        await fixture.CountReachesAsync("select count(*) from inbox where message_id = any(@Ids)", events.Length, new { Ids = Population.EventIds(events) });
    }
}
