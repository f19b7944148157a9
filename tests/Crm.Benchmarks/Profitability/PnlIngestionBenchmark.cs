using System.Diagnostics;
using Crm.Contracts.Customers;
using Crm.Profitability.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Benchmarks.Profitability;

/// <summary>
/// Issue 5's ingestion figure: TransactionsRecorded batches of 1,000 committed through a real outbox at a fixed rate
/// (20 per second = 20,000 transactions per second), consumed by the profitability service; for each batch, the time
/// from the event's occurrence (its commit in the producer) until its facts are in the P&amp;L tables, p50/p99/max.
/// Each transaction carries one line: the consumer's cost is per transaction, so more lines per transaction would
/// only make the figure easier to reach.
/// </summary>
public static class PnlIngestionBenchmark
{
    private const int BatchSize = 1_000;

    public static async Task<int> RunAsync(Options options)
    {
        var rate = options.Int("rate", 20_000);
        var seconds = options.Int("seconds", 30);
        var customers = options.Int("customers", 50_000);
        // 1: the stand-in publishes straight to the broker (one serialisation, the least any producer pays) instead of
        // committing through its outbox and relay; isolates what reaches and loads the profitability service.
        var direct = options.Int("direct", 0) == 1;
        var batchesPerSecond = rate / BatchSize;
        var infrastructure = await TestInfrastructure.StartAsync();
        try
        {
            var environment = await infrastructure.CreateEnvironmentAsync("profitabilitydb", "producerdb");
            var settings = environment.Settings();
            settings["Profitability:LifetimeValue:Schedule"] = "00:00:00";
            await using var service = InProcessService.Start<PnlQueries>(settings);
            using var client = service.CreateClient();
            await using var producer = await MessagingService.StartAsync(
                "customers", environment.ConnectionStrings["producerdb"], environment.ConnectionStrings["messaging"]);
            // The stand-in keeps its outbox the way the customers service does (its migration V8): json, lz4.
            await producer.ExecuteAsync("alter table outbox alter column payload type json using payload::json; alter table outbox alter column payload set compression lz4");

            var customerIds = Enumerable.Range(0, customers).Select(_ => Guid.NewGuid()).ToArray();
            var sent = new List<(DateTimeOffset OccurredAt, Guid FirstTransaction)>();
            var commits = new List<Task>();
            var total = batchesPerSecond * seconds;
            var clock = Stopwatch.StartNew();
            var random = new Random(5);
            // Open loop: each batch is committed at its time whether or not earlier ones are done, as an import would.
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / batchesPerSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                var now = DateTimeOffset.UtcNow;
                var transactions = Enumerable.Range(0, BatchSize).Select(_ => Sale(customerIds[random.Next(customers)], now, random)).ToArray();
                var batch = new TransactionsRecorded(Guid.NewGuid(), now, null, transactions);
                commits.Add(Task.Run(() => direct ? producer.PublishDirectlyAsync(batch) : producer.CommitAsync(batch)));
                sent.Add((now, transactions[0].TransactionId));
            }

            await Task.WhenAll(commits);
            var sending = clock.Elapsed;
            Console.WriteLine($"{(direct ? "published directly" : "committed through the outbox")}: {total * BatchSize:N0} transactions in {total} batches in {sending.TotalSeconds:F1} s = {total * BatchSize / sending.TotalSeconds:N0} transactions/s");

            await using var connection = environment.OpenDatabase("profitabilitydb");
            while (await connection.ExecuteScalarAsync<long>("select count(*) from transaction_facts") < total * BatchSize)
            {
                if (clock.Elapsed > sending + TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException("The P&L did not catch up within 5 minutes of the last batch.");
                }

                await Task.Delay(200);
            }

            Console.WriteLine($"all stored {(clock.Elapsed - sending).TotalSeconds:F1} s after the last commit");
            // A batch is stored in one transaction, so its first transaction's row tells when the batch reached the P&L.
            var stored = (await connection.QueryAsync<(Guid Id, DateTime RecordedAt)>(
                "select transaction_id, recorded_at from transaction_facts where transaction_id = any(@Ids)",
                new { Ids = sent.Select(s => s.FirstTransaction).ToArray() })).ToDictionary(row => row.Id, row => row.RecordedAt);
            var latencies = sent.Select(s => (new DateTimeOffset(stored[s.FirstTransaction], TimeSpan.Zero) - s.OccurredAt).TotalMilliseconds).ToList();
            Console.WriteLine($"event to updated P&L at {rate:N0} transactions/s for {seconds} s ({latencies.Count} batches of {BatchSize}): " +
                $"p50 {Percentiles.Of(latencies, 50):F0} ms, p95 {Percentiles.Of(latencies, 95):F0} ms, p99 {Percentiles.Of(latencies, 99):F0} ms, max {Percentiles.Of(latencies, 100):F0} ms");

            var pnl = Stopwatch.StartNew();
            var response = await client.GetAsync($"/api/profitability/customers/{customerIds[0]}/pnl");
            Console.WriteLine($"one customer's P&L read afterwards: {(int)response.StatusCode} in {pnl.Elapsed.TotalMilliseconds:F0} ms");

            if (options.Int("drain", 0) > 0)
            {
                await service.DisposeAsync();
                await MeasureDrainAsync(environment, settings, producer, customerIds, options.Int("drain", 0));
            }
        }
        finally
        {
            await infrastructure.StopAsync();
        }

        return 0;
    }

    /// <summary>
    /// The consumer alone: batches committed and relayed while the service is stopped wait in its queue; then the
    /// service starts and the time to store them all is measured.
    /// </summary>
    private static async Task MeasureDrainAsync(
        TestEnvironment environment, Dictionary<string, string?> settings, MessagingService producer, Guid[] customerIds, int batches)
    {
        var random = new Random(7);
        for (var i = 0; i < batches; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var transactions = Enumerable.Range(0, BatchSize).Select(_ => Sale(customerIds[random.Next(customerIds.Length)], now, random)).ToArray();
            await producer.CommitAsync(new TransactionsRecorded(Guid.NewGuid(), now, null, transactions));
        }

        while (await producer.QueryCountAsync("select count(*) from outbox where sent_at is null") > 0)
        {
            await Task.Delay(200);
        }

        await using var connection = environment.OpenDatabase("profitabilitydb");
        var before = await connection.ExecuteScalarAsync<long>("select count(*) from transaction_facts");
        Console.WriteLine($"draining {batches} queued batches...");
        var clock = Stopwatch.StartNew();
        await using var service = new ServiceHost<PnlQueries>(settings);
        using var client = service.CreateClient();
        while (await connection.ExecuteScalarAsync<long>("select count(*) from transaction_facts") < before + (long)batches * BatchSize)
        {
            await Task.Delay(100);
        }

        Console.WriteLine($"consumer alone: {batches * BatchSize:N0} queued transactions stored in {clock.Elapsed.TotalSeconds:F1} s " +
            $"(service start included) = {batches * BatchSize / clock.Elapsed.TotalSeconds:N0} transactions/s");
    }

    private static RecordedTransaction Sale(Guid customerId, DateTimeOffset occurredAt, Random random)
    {
        var revenue = Math.Round((decimal)(random.NextDouble() * 200), 2);
        var cost = Math.Round(revenue * 0.6m, 2);
        return new RecordedTransaction(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, occurredAt, "web", "EUR", TransactionKinds.Sale, null,
            revenue, 0, 0, revenue, cost, [new CategorySpend("books", 1, revenue, revenue, cost)]);
    }
}
