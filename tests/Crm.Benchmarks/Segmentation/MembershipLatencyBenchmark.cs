using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Segmentation.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Benchmarks.Segmentation;

/// <summary>
/// Issue 6's incremental figure: 20 rule segments defined; single-transaction TransactionsRecorded events committed
/// through a real outbox at a fixed rate (open loop), alternately a sale of 1,000 and its return, so that every
/// event moves its customer into or out of the segment "revenue ≥ 500". Latency: from the event's commit to the
/// membership change being stored (logged in the same transaction as the facts), p50/p99/max. The measured load
/// follows a warm-up at the same rate (<c>--warmup</c> seconds, default 10), once the warm-up's changes are all stored.
/// </summary>
public static class MembershipLatencyBenchmark
{
    private static readonly string[] OtherRules =
    [
        """{ "field": "country", "op": "eq", "value": "DE" }""",
        """{ "field": "rfm.recency", "op": "gte", "value": 4 }""",
        """{ "field": "rfm.segment", "op": "in", "value": ["champions", "loyalCustomers"] }""",
        """{ "field": "valueTier", "op": "in", "value": ["platinum", "gold"] }""",
        """{ "field": "consent", "op": "contains", "value": "email:marketing" }""",
        """{ "field": "purchases", "op": "gte", "value": 5 }""",
        """{ "field": "lifetimeValue", "op": "between", "value": [100, 1000] }""",
        """{ "field": "probabilityAlive", "op": "lt", "value": 0.3 }""",
        """{ "field": "churnRisk", "op": "eq", "value": "high" }""",
        """{ "field": "acquisitionSource", "op": "in", "value": ["search", "social"] }""",
        """{ "all": [ { "field": "revenue", "op": "gte", "value": 100 }, { "field": "country", "op": "ne", "value": "FR" } ] }""",
        """{ "any": [ { "field": "daysSinceLastPurchase", "op": "lte", "value": 30 }, { "field": "purchases", "op": "gte", "value": 10 } ] }""",
        """{ "not": { "field": "consent", "op": "contains", "value": "sms:marketing" } }""",
        """{ "field": "attributes.vip", "op": "eq", "value": true }""",
        """{ "field": "profit", "op": "lt", "value": 0 }""",
        """{ "field": "customerSince", "op": "lt", "value": "2020-01-01" }""",
        """{ "field": "rfm.monetary", "op": "eq", "value": 5 }""",
        """{ "field": "revenue", "op": "between", "value": [10, 200] }""",
        """{ "all": [ { "field": "rfm.frequency", "op": "gte", "value": 3 }, { "field": "valueTier", "op": "eq", "value": "bronze" } ] }""",
    ];

    public static async Task<int> RunAsync(Options options)
    {
        var rate = options.Int("rate", 2_000);
        var seconds = options.Int("seconds", 20);
        var customerCount = options.Int("customers", 10_000);
        // 1: the stand-in publishes straight to the broker instead of committing through its outbox and relay, which
        // isolates what reaches and loads the segmentation service from the producer's own relay.
        var direct = options.Int("direct", 0) == 1;
        var infrastructure = await TestInfrastructure.StartAsync();
        try
        {
            var environment = await infrastructure.CreateEnvironmentAsync("segmentationdb", "producerdb");
            var settings = environment.Settings();
            settings["Segmentation:RecomputeInterval"] = "00:00:00";
            await using var service = InProcessService.Start<CustomerFactStore>(settings);
            using var client = service.CreateClient();
            await using var producer = await MessagingService.StartAsync(
                "customers", environment.ConnectionStrings["producerdb"], environment.ConnectionStrings["messaging"]);

            var customers = Enumerable.Range(0, customerCount).Select(_ => Guid.NewGuid()).ToArray();
            foreach (var batch in customers.Chunk(1_000))
            {
                await producer.CommitAsync(new CustomersRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(),
                    [.. batch.Select(id => new CustomerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, id, $"C-{id:N}", "Someone", null, Country: "DE", AcquisitionSource: "search"))]));
            }

            await using var connection = environment.OpenDatabase("segmentationdb");
            await WaitAsync(connection, "select count(*) from customer_facts", customerCount);
            var watched = await CreateSegmentAsync(client, "revenue ≥ 500", """{ "field": "revenue", "op": "gte", "value": 500 }""");
            foreach (var (rule, i) in OtherRules.Select((rule, i) => (rule, i)))
            {
                await CreateSegmentAsync(client, $"segment {i + 2}", rule);
            }

            // Let the background evaluation of the new segments settle before measuring.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Console.WriteLine($"{customerCount:N0} customers, {OtherRules.Length + 1} segments");

            var revenueHigh = new bool[customerCount];
            var eventNumber = 0;
            // Open loop: each event is committed (or published) at its time, whether or not earlier ones are done.
            async Task<(List<(Guid Customer, DateTimeOffset At)> Sent, TimeSpan Elapsed)> SendAsync(int events)
            {
                var sent = new List<(Guid Customer, DateTimeOffset At)>();
                var commits = new List<Task>();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < events; i++, eventNumber++)
                {
                    var due = TimeSpan.FromSeconds((double)i / rate);
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }

                    var index = eventNumber % customerCount;
                    var now = DateTimeOffset.UtcNow;
                    var kind = revenueHigh[index] ? TransactionKinds.Return : TransactionKinds.Sale;
                    revenueHigh[index] = !revenueHigh[index];
                    var transaction = new RecordedTransaction(Guid.NewGuid(), $"T-{eventNumber}", customers[index], now, "web", "EUR", kind, null, 1_000m, 0, 0, 1_000m, 500m, []);
                    IIntegrationEvent recorded = new TransactionsRecorded(Guid.NewGuid(), now, null, [transaction]);
                    commits.Add(Task.Run(() => direct ? producer.PublishDirectlyAsync(recorded) : producer.CommitAsync(recorded)));
                    sent.Add((customers[index], now));
                }

                await Task.WhenAll(commits);
                return (sent, clock.Elapsed);
            }

            // A service runs for hours: the first seconds of JIT compilation and tiering are not what the figure is about.
            var warmUp = rate * options.Int("warmup", 10);
            await SendAsync(warmUp);
            await WaitAsync(connection, $"select count(*) from membership_changes where segment_id = '{watched}'", warmUp, TimeSpan.FromMinutes(5));
            var measuredFrom = await connection.ExecuteScalarAsync<long>("select coalesce(max(id), 0) from membership_changes");

            var machine = new MachineTime();
            var total = rate * seconds;
            var (sent, sending) = await SendAsync(total);
            var catchingUp = Stopwatch.StartNew();
            Console.WriteLine($"{(direct ? "published directly" : "committed through the outbox")}: {total:N0} events in {sending.TotalSeconds:F1} s = {total / sending.TotalSeconds:N0} events/s");
            await WaitAsync(connection, $"select count(*) from membership_changes where segment_id = '{watched}'", warmUp + total, TimeSpan.FromMinutes(5));
            Console.WriteLine($"all membership changes stored {catchingUp.Elapsed.TotalSeconds:F1} s after the last commit; {machine.Since()}");

            // Each customer's events and changes pair up in order: every event flips membership once.
            var changes = (await connection.QueryAsync<(Guid CustomerId, DateTime ChangedAt)>(
                "select customer_id, changed_at from membership_changes where segment_id = @Watched and id > @MeasuredFrom order by id",
                new { Watched = watched, MeasuredFrom = measuredFrom }))
                .GroupBy(change => change.CustomerId).ToDictionary(group => group.Key, group => group.Select(change => change.ChangedAt).ToList());
            var latencies = sent.GroupBy(s => s.Customer).SelectMany(group => group.Select((s, n) =>
                (new DateTimeOffset(changes[group.Key][n], TimeSpan.Zero) - s.At).TotalMilliseconds)).ToList();
            Console.WriteLine($"event to membership change at {rate:N0} events/s for {seconds} s ({latencies.Count:N0} events): " +
                $"p50 {Percentiles.Of(latencies, 50):F0} ms, p95 {Percentiles.Of(latencies, 95):F0} ms, p99 {Percentiles.Of(latencies, 99):F0} ms, max {Percentiles.Of(latencies, 100):F0} ms");
        }
        finally
        {
            await infrastructure.StopAsync();
        }

        return 0;
    }

    private static async Task<Guid> CreateSegmentAsync(HttpClient client, string name, string rule)
    {
        var response = await client.PostAsync("/api/segments", new StringContent($$"""
            { "name": "{{name}}", "owner": "Benchmark", "advisor": "Benchmark",
              "strategy": { "serviceLevel": "standard", "preferredChannels": ["email"], "contactPolicy": "monthly", "objective": "measure" },
              "rule": {{rule}} }
            """, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    private static async Task WaitAsync(System.Data.IDbConnection connection, string countSql, long expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (await connection.ExecuteScalarAsync<long>(countSql) < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {expected} rows: {countSql}");
            }

            await Task.Delay(200);
        }
    }

    private sealed record IdOnly(Guid Id);
}
