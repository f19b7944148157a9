using System.Diagnostics;
using Crm.Contracts.Customers;
using Crm.Profitability.Data;
using Crm.Testing;
using Dapper;
using Npgsql;

namespace Crm.Benchmarks.Profitability;

/// <summary>
/// Issue 5's ingestion figure: TransactionsRecorded batches of 1,000 committed through a real outbox at a fixed rate
/// of lines, consumed by the profitability service; for each batch, the time from the event's occurrence (its commit in
/// the producer) until its facts are in the P&amp;L tables, p50/p99/max. The measured load follows a warm-up at the
/// same rate (<c>--warmup</c> seconds, default 10), once the warm-up's batches are all stored.
/// The rate counts transaction lines. By default each transaction carries one line, the hardest case: the consumer's
/// cost is mostly per transaction. <c>--basket import</c> gives baskets like the import benchmark's file (every tenth
/// transaction one line, the others 1–4 lines, over six categories: 2.35 lines on average), so the same line rate
/// arrives as fewer, larger transactions.
/// </summary>
public static class PnlIngestionBenchmark
{
    private const int BatchSize = 1_000;

    private static readonly string[] Categories = ["grocery", "books", "music", "garden", "toys", "fashion"];

    public static async Task<int> RunAsync(Options options)
    {
        var rate = options.Int("rate", 20_000);
        var importBaskets = options.String("basket", "single") == "import";
        var seconds = options.Int("seconds", 30);
        var customers = options.Int("customers", 50_000);
        // 1: the stand-in publishes straight to the broker (one serialisation, the least any producer pays) instead of
        // committing through its outbox and relay; isolates what reaches and loads the profitability service.
        var direct = options.Int("direct", 0) == 1;
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
            var random = new Random(5);
            // Batches are made before the clock starts, so the stand-in's own cost is committing and relaying them.
            var warmUp = MakeBatches(customerIds, (long)rate * options.Int("warmup", 10), importBaskets, random);
            var batches = MakeBatches(customerIds, (long)rate * seconds, importBaskets, random);
            await using var connection = environment.OpenDatabase("profitabilitydb");

            // A service runs for hours: the first seconds of JIT compilation and tiering are not what the figure is about.
            await SendAsync(producer, warmUp, rate, direct);
            await WaitForFactsAsync(connection, warmUp.Count * BatchSize, TimeSpan.FromMinutes(5));

            var machine = new MachineTime();
            var (sent, sending) = await SendAsync(producer, batches, rate, direct);
            var total = sent.Count;
            var linesSent = batches.Sum(batch => batch.Lines);
            Console.WriteLine($"{(direct ? "published directly" : "committed through the outbox")}: {linesSent:N0} lines in {total * BatchSize:N0} transactions " +
                $"({total} batches) in {sending.TotalSeconds:F1} s = {linesSent / sending.TotalSeconds:N0} lines/s, {total * BatchSize / sending.TotalSeconds:N0} transactions/s");

            var catchingUp = Stopwatch.StartNew();
            await WaitForFactsAsync(connection, (warmUp.Count + total) * BatchSize, TimeSpan.FromMinutes(5));
            Console.WriteLine($"all stored {catchingUp.Elapsed.TotalSeconds:F1} s after the last commit; {machine.Since()}");
            // A batch is stored in one transaction, so its first transaction's row tells when the batch reached the P&L.
            var stored = (await connection.QueryAsync<(Guid Id, DateTime RecordedAt)>(
                "select transaction_id, recorded_at from transaction_facts where transaction_id = any(@Ids)",
                new { Ids = sent.Select(s => s.FirstTransaction).ToArray() })).ToDictionary(row => row.Id, row => row.RecordedAt);
            var latencies = sent.Select(s => (new DateTimeOffset(stored[s.FirstTransaction], TimeSpan.Zero) - s.OccurredAt).TotalMilliseconds).ToList();
            Console.WriteLine($"event to updated P&L at {rate:N0} lines/s ({(importBaskets ? "import-like baskets" : "one line per transaction")}) for {seconds} s ({latencies.Count} batches of {BatchSize}): " +
                $"p50 {Percentiles.Of(latencies, 50):F0} ms, p95 {Percentiles.Of(latencies, 95):F0} ms, p99 {Percentiles.Of(latencies, 99):F0} ms, max {Percentiles.Of(latencies, 100):F0} ms");

            if (!direct)
            {
                // Where the time went: until the producer's relay had the broker's confirmation (the outbox row's sent_at).
                await using var producerDb = environment.OpenDatabase("producerdb");
                var relayed = (await producerDb.QueryAsync<(Guid Id, DateTime SentAt)>(
                    "select message_id, sent_at from outbox where message_id = any(@Ids)", new { Ids = sent.Select(s => s.EventId).ToArray() }))
                    .ToDictionary(row => row.Id, row => row.SentAt);
                var relayLatencies = sent.Select(s => (new DateTimeOffset(relayed[s.EventId], TimeSpan.Zero) - s.OccurredAt).TotalMilliseconds).ToList();
                Console.WriteLine($"  of which event to relayed (broker confirmed): p50 {Percentiles.Of(relayLatencies, 50):F0} ms, " +
                    $"p95 {Percentiles.Of(relayLatencies, 95):F0} ms, p99 {Percentiles.Of(relayLatencies, 99):F0} ms, max {Percentiles.Of(relayLatencies, 100):F0} ms");
            }

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

    private sealed record Batch(IReadOnlyList<RecordedTransaction> Transactions, long Lines);

    private static List<Batch> MakeBatches(Guid[] customerIds, long lines, bool importBaskets, Random random)
    {
        var batches = new List<Batch>();
        for (long made = 0; made < lines;)
        {
            var transactions = Enumerable.Range(0, BatchSize)
                .Select(i => Sale(customerIds[random.Next(customerIds.Length)], DateTimeOffset.UtcNow, importBaskets && i % 10 != 9 ? 1 + random.Next(4) : 1, random))
                .ToArray();
            var batchLines = transactions.Sum(transaction => (long)transaction.Categories.Sum(category => category.Quantity));
            batches.Add(new Batch(transactions, batchLines));
            made += batchLines;
        }

        return batches;
    }

    /// <summary>
    /// Open loop: each batch is committed (or published) at its time by the line rate, whether or not earlier ones are
    /// done, as an import would. Returns when each batch occurred and the time until the last was committed.
    /// </summary>
    private static async Task<(List<(DateTimeOffset OccurredAt, Guid EventId, Guid FirstTransaction)> Sent, TimeSpan Elapsed)> SendAsync(
        MessagingService producer, List<Batch> batches, int rate, bool direct)
    {
        var sent = new List<(DateTimeOffset OccurredAt, Guid EventId, Guid FirstTransaction)>();
        var commits = new List<Task>();
        long linesSent = 0;
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var due = TimeSpan.FromSeconds((double)linesSent / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var recorded = new TransactionsRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, null, batch.Transactions);
            commits.Add(Task.Run(() => direct ? producer.PublishDirectlyAsync(recorded) : producer.CommitAsync(recorded)));
            sent.Add((recorded.OccurredAt, recorded.EventId, batch.Transactions[0].TransactionId));
            linesSent += batch.Lines;
        }

        await Task.WhenAll(commits);
        return (sent, clock.Elapsed);
    }

    private static async Task WaitForFactsAsync(NpgsqlConnection connection, long count, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (await connection.ExecuteScalarAsync<long>("select count(*) from transaction_facts") < count)
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"The P&L did not catch up within {limit.TotalMinutes} minutes.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The consumer alone: batches committed and relayed while the service is stopped wait in its queue; then the
    /// service starts and the time to store them all is measured.
    /// </summary>
    private static async Task MeasureDrainAsync(
        TestEnvironment environment, Dictionary<string, string?> settings, MessagingService producer, Guid[] customerIds, int batches)
    {
        foreach (var batch in MakeBatches(customerIds, (long)batches * BatchSize, importBaskets: false, new Random(7)))
        {
            await producer.CommitAsync(new TransactionsRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, null, batch.Transactions));
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
        await WaitForFactsAsync(connection, before + (long)batches * BatchSize, TimeSpan.FromMinutes(5));

        Console.WriteLine($"consumer alone: {batches * BatchSize:N0} queued transactions stored in {clock.Elapsed.TotalSeconds:F1} s " +
            $"(service start included) = {batches * BatchSize / clock.Elapsed.TotalSeconds:N0} transactions/s");
    }

    /// <summary>A sale of <paramref name="lines"/> lines of quantity 1, each in one of six categories, summed per category.</summary>
    private static RecordedTransaction Sale(Guid customerId, DateTimeOffset occurredAt, int lines, Random random)
    {
        var categories = Enumerable.Range(0, lines)
            .Select(_ => (Category: Categories[random.Next(Categories.Length)], Revenue: Math.Round((decimal)(random.NextDouble() * 200), 2)))
            .GroupBy(line => line.Category)
            .Select(group => new CategorySpend(group.Key, group.Count(), group.Sum(line => line.Revenue), group.Sum(line => line.Revenue),
                Math.Round(group.Sum(line => line.Revenue) * 0.6m, 2)))
            .ToArray();
        var revenue = categories.Sum(category => category.Revenue);
        return new RecordedTransaction(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, occurredAt, "web", "EUR", TransactionKinds.Sale, null,
            revenue, 0, 0, revenue, categories.Sum(category => category.ProductCost), categories);
    }
}
