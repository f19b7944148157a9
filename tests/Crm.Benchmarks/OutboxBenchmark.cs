using System.Diagnostics;
using Crm.Testing;
using Crm.Testing.Probes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Benchmarks;

/// <summary>
/// Issue 2's figures: cold fixture start; events per second end to end through the outbox versus published
/// straight through MassTransit, side by side on the same broker, database and consumer; and commit-to-consumer
/// latency while events are committed one per transaction at a fixed rate.
/// </summary>
public static class OutboxBenchmark
{
    private const int OutboxTransactionSize = 100;

    public static async Task<int> RunAsync(Options options)
    {
        var events = options.Int("events", 20_000);
        var rate = options.Int("rate", 500);
        var seconds = options.Int("seconds", 10);
        var customers = options.Int("customers", 100);

        var infrastructure = await TestInfrastructure.StartAsync();
        Console.WriteLine($"fixture: broker + database ready from nothing in {infrastructure.StartupTime.TotalSeconds:F2} s");
        try
        {
            var direct = await MeasureAsync(infrastructure, events, PublishDirectlyAsync);
            var outbox = await MeasureAsync(infrastructure, events, CommitThroughOutboxAsync);
            Console.WriteLine($"direct publish: {events} events consumed in {direct.TotalSeconds:F2} s = {events / direct.TotalSeconds:F0} events/s");
            Console.WriteLine($"outbox:         {events} events consumed in {outbox.TotalSeconds:F2} s = {events / outbox.TotalSeconds:F0} events/s " +
                $"({direct.TotalSeconds / outbox.TotalSeconds:P0} of direct)");

            var latencies = await MeasureLatencyAsync(infrastructure, rate, seconds, customers);
            Console.WriteLine($"latency at {rate} events/s for {seconds} s ({latencies.Count} events of {customers} customers, one per transaction): " +
                $"p50 {Percentiles.Of(latencies, 50):F1} ms, p95 {Percentiles.Of(latencies, 95):F1} ms, " +
                $"p99 {Percentiles.Of(latencies, 99):F1} ms, max {Percentiles.Of(latencies, 100):F1} ms");
        }
        finally
        {
            await infrastructure.StopAsync();
        }

        return 0;
    }

    private static async Task<TimeSpan> MeasureAsync(
        TestInfrastructure infrastructure, int events, Func<MessagingService, ProbeEvent[], Task> send)
    {
        var (producer, consumer, recorder) = await StartPairAsync(infrastructure);
        await using var _ = producer;
        await using var __ = consumer;
        var customers = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        var batch = Enumerable.Range(0, events).Select(i => ProbeEvent.New(customers[i % customers.Length], i)).ToArray();

        var stopwatch = Stopwatch.StartNew();
        await send(producer, batch);
        await WaitForAsync(recorder, events);
        return stopwatch.Elapsed;
    }

    private static Task PublishDirectlyAsync(MessagingService producer, ProbeEvent[] events) =>
        Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (message, _) => await producer.PublishDirectlyAsync(message));

    private static async Task CommitThroughOutboxAsync(MessagingService producer, ProbeEvent[] events)
    {
        foreach (var chunk in events.Chunk(OutboxTransactionSize))
        {
            await producer.CommitAsync(chunk);
        }
    }

    private static async Task<IReadOnlyList<double>> MeasureLatencyAsync(TestInfrastructure infrastructure, int rate, int seconds, int customerCount)
    {
        var (producer, consumer, recorder) = await StartPairAsync(infrastructure);
        await using var _ = producer;
        await using var __ = consumer;
        var total = rate * seconds;
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        // One customer's events are published one after another (to keep their order), so a single customer
        // producing 500 events/s is a different, harsher test; --customers 1 runs it.
        var customers = Enumerable.Range(0, customerCount).Select(_ => Guid.NewGuid()).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            await producer.CommitAsync(ProbeEvent.New(customers[i % customers.Length], i));
        }

        Console.WriteLine($"latency run: committed {total} events in {clock.Elapsed.TotalSeconds:F2} s ({total / clock.Elapsed.TotalSeconds:F0}/s)");
        await WaitForAsync(recorder, total);
        return recorder.Milliseconds;
    }

    private static async Task<(MessagingService Producer, MessagingService Consumer, LatencyRecorder Recorder)> StartPairAsync(
        TestInfrastructure infrastructure)
    {
        var environment = await infrastructure.CreateEnvironmentAsync("producerdb", "consumerdb");
        var consumer = await MessagingService.StartAsync("consumer", environment.ConnectionStrings["consumerdb"],
            environment.ConnectionStrings["messaging"], bus => bus.AddConsumer<RecordEffectConsumer>());
        var recorder = new LatencyRecorder();
        consumer.Services.GetRequiredService<IBus>().ConnectConsumeObserver(recorder);
        var producer = await MessagingService.StartAsync("producer", environment.ConnectionStrings["producerdb"],
            environment.ConnectionStrings["messaging"]);
        return (producer, consumer, recorder);
    }

    private static async Task WaitForAsync(LatencyRecorder recorder, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (recorder.Consumed < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {recorder.Consumed} of {count} events were consumed");
            }

            await Task.Delay(5);
        }
    }
}
