using Crm.Testing;
using Crm.Testing.Probes;
using MassTransit;

namespace Crm.Messaging.Tests;

/// <summary>At-least-once on the wire, exactly once in effect: the outbox, the inbox and the error queue, on a real broker and database.</summary>
public sealed class ReliableMessagingTests
{
    private const string EffectRows = "select count(*) from effects";
    private const string DistinctEffects = "select count(distinct event_id) from effects";

    [Fact]
    public async Task Events_committed_through_the_outbox_reach_the_consumer_once_each()
    {
        var (producer, consumer) = await StartPairAsync();
        await using var _ = producer;
        await using var __ = consumer;

        var customer = Guid.NewGuid();
        await producer.CommitAsync([.. Enumerable.Range(1, 25).Select(i => ProbeEvent.New(customer, i))]);

        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync(EffectRows), count => count >= 25, because: "for 25 effects");
        await Task.Delay(500);
        Assert.Equal(25, await consumer.QueryCountAsync(EffectRows));
        Assert.Equal(25, await consumer.QueryCountAsync(DistinctEffects));
        Assert.Equal(0, await producer.QueryCountAsync("select count(*) from outbox where sent_at is null"));
    }

    [Fact]
    public async Task An_event_arrives_exactly_as_it_was_committed_with_its_event_id_as_message_id()
    {
        var (producer, consumer) = await StartPairAsync(bus => bus.AddConsumer<KeepReceivedConsumer>());
        await using var _ = producer;
        await using var __ = consumer;

        // The relay publishes the stored JSON as it is, so nothing may be lost or reshaped on the way.
        var sent = new DetailedProbeEvent(
            Guid.CreateVersion7(),
            new DateTimeOffset(2026, 3, 29, 1, 59, 59, 123, TimeSpan.FromHours(-5)).AddTicks(4567),
            Guid.NewGuid(),
            "Zoë's \"café\" \\ 東京 🎉\n</script>",
            12345678901234.5678m,
            Missing: null,
            [new ProbeLine("SKU-1", 3, 0.1m), new ProbeLine("SKU-ß", -1, 79228162514264337593543950335m)]);
        await producer.CommitAsync(sent);

        var received = await Eventually.ReturnsAsync(() => Task.FromResult(KeepReceivedConsumer.For(sent.EventId)),
            received => received is not null, because: "for the event to arrive");
        var (message, messageId, correlationId) = received!.Value;
        Assert.Equal(sent, message with { Lines = sent.Lines }); // the lines are compared item by item below
        Assert.Equal(sent.OccurredAt.Offset, message.OccurredAt.Offset);
        Assert.Equal(sent.Lines, message.Lines);
        Assert.Equal(sent.EventId, messageId);
        Assert.Equal(sent.EventId, correlationId);
    }

    [Theory]
    [InlineData("jsonb")] // as the shared migration creates the outbox
    [InlineData("text")] // as the services with bulk events store payloads
    public async Task A_bulk_event_of_a_megabyte_arrives_exactly_as_it_was_committed(string payloadColumnType)
    {
        var (producer, consumer) = await StartPairAsync(bus => bus.AddConsumer<KeepReceivedConsumer>());
        await using var _ = producer;
        await using var __ = consumer;
        await using (var alter = producer.DataSource.CreateCommand($"alter table outbox alter column payload type {payloadColumnType}"))
        {
            await alter.ExecuteNonQueryAsync();
        }

        // Serialized into pooled buffers that grow as they fill: every line must survive each growth intact.
        var lines = Enumerable.Range(0, 20_000).Select(i => new ProbeLine($"SKU-{i}-ß東", i - 10_000, i / 1000m)).ToList();
        var sent = new DetailedProbeEvent(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), "bulk 🎉", 1m, null, lines);
        await producer.CommitAsync(sent);

        var received = await Eventually.ReturnsAsync(() => Task.FromResult(KeepReceivedConsumer.For(sent.EventId)),
            received => received is not null, because: "for the event to arrive");
        Assert.True(await producer.QueryCountAsync("select sum(octet_length(payload::text)) from outbox") > 1_000_000);
        Assert.Equal(sent.Lines, received!.Value.Message.Lines);
        Assert.Equal(sent.Note, received.Value.Message.Note);
    }

    [Fact]
    public async Task Each_customers_events_are_published_in_the_order_they_were_committed()
    {
        var environment = await CreateEnvironmentAsync();
        var broker = environment.ConnectionStrings["messaging"];
        // One message at a time on the consumer side, so the order consumed is the order published.
        await using var consumer = await MessagingService.StartAsync("consumer", environment.ConnectionStrings["consumerdb"], broker,
            bus => bus.AddConsumer<RecordEffectConsumer>().Endpoint(endpoint =>
            {
                endpoint.PrefetchCount = 1;
                endpoint.ConcurrentMessageLimit = 1;
            }));
        await using var producer = await MessagingService.StartAsync("producer", environment.ConnectionStrings["producerdb"], broker);

        var customers = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        for (var round = 0; round < 20; round++)
        {
            await producer.CommitAsync([.. customers.Select(customer => ProbeEvent.New(customer, round))]);
        }

        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync(EffectRows), count => count == 100, because: "for 100 effects");
        foreach (var customer in customers)
        {
            var sequences = await consumer.QuerySequencesAsync(customer);
            Assert.Equal(Enumerable.Range(0, 20), sequences);
        }
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        var (producer, consumer) = await StartPairAsync();
        await using var _ = producer;
        await using var __ = consumer;

        var message = ProbeEvent.New(Guid.NewGuid(), 1);
        await producer.PublishDirectlyAsync(message);
        await producer.PublishDirectlyAsync(message);

        await Eventually.ReturnsAsync(() => Task.FromResult(consumer.Deliveries.Total), total => total == 2, because: "for both deliveries");
        // Deliveries are counted as they arrive, before the first one's transaction commits.
        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync(EffectRows), count => count >= 1, because: "for the first delivery's effect");
        await Task.Delay(500);
        Assert.Equal(1, await consumer.QueryCountAsync(EffectRows));
        Assert.Equal(1, await consumer.QueryCountAsync("select count(*) from inbox"));
    }

    [Fact]
    public async Task A_relay_crash_after_publishing_but_before_marking_sent_republishes_without_doubling_effects()
    {
        var (producer, consumer) = await StartPairAsync();
        await using var _ = producer;
        await using var __ = consumer;

        await producer.CommitAsync([.. Enumerable.Range(1, 20).Select(i => ProbeEvent.New(Guid.NewGuid(), i))]);
        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync(EffectRows), count => count == 20, because: "for the first 20 effects");

        // What the database looks like when the relay died after the broker confirmed but before the sent mark committed.
        await producer.ExecuteAsync("update outbox set sent_at = null; select pg_notify('crm_outbox', '')");

        await Eventually.ReturnsAsync(() => Task.FromResult(consumer.Deliveries.Total), total => total == 40, because: "for every event to be delivered again");
        Assert.Equal(20, await consumer.QueryCountAsync(EffectRows));
        Assert.Equal(20, await consumer.QueryCountAsync(DistinctEffects));
    }

    [Fact]
    public async Task A_consumer_that_always_throws_moves_the_message_to_its_error_queue_and_applies_nothing()
    {
        var environment = await CreateEnvironmentAsync();
        await using var consumer = await MessagingService.StartAsync(
            "probe", environment.ConnectionStrings["consumerdb"], environment.ConnectionStrings["messaging"],
            bus => bus.AddConsumer<FailingProbeConsumer>());

        var message = new FailingProbeEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid());
        await consumer.PublishDirectlyAsync(message);

        await Eventually.ReturnsAsync(() => environment.CountMessagesAsync("probe-failing-probe_error"), count => count == 1,
            timeout: TimeSpan.FromSeconds(30), because: "for the message in the error queue");
        Assert.Equal(0, await consumer.QueryCountAsync(EffectRows));
        Assert.Equal(0, await consumer.QueryCountAsync("select count(*) from inbox"));
        Assert.Equal(4, FailingProbeConsumer.AttemptsFor(message.EventId)); // the first try and three retries
    }

    private static async Task<TestEnvironment> CreateEnvironmentAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        return await infrastructure.CreateEnvironmentAsync("producerdb", "consumerdb");
    }

    /// <param name="consumers">The consumer's consumers; <see cref="RecordEffectConsumer"/> when not given.</param>
    private static async Task<(MessagingService Producer, MessagingService Consumer)> StartPairAsync(
        Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var environment = await CreateEnvironmentAsync();
        var broker = environment.ConnectionStrings["messaging"];
        // The consumer starts first so its queue exists before anything is published.
        var consumer = await MessagingService.StartAsync("consumer", environment.ConnectionStrings["consumerdb"], broker,
            consumers ?? (bus => bus.AddConsumer<RecordEffectConsumer>()));
        var producer = await MessagingService.StartAsync("producer", environment.ConnectionStrings["producerdb"], broker);
        return (producer, consumer);
    }
}
