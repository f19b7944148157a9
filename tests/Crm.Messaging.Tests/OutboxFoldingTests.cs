using Crm.Messaging.Outbox;
using Crm.Testing;
using Crm.Testing.Probes;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Messaging.Tests;

/// <summary>
/// Small events waiting side by side in the outbox leave as one folded event: fewer messages, every item applied once,
/// each customer's order kept, and a crash at any point neither loses nor doubles an item.
/// </summary>
public sealed class OutboxFoldingTests
{
    private const string EffectRows = "select count(*) from effects";

    // A folded event's row is keyed '*': it is about several customers and goes out between their other events.
    private const string FoldedRows = "partition_key = '*'";

    [Fact]
    public async Task Posted_events_waiting_together_leave_as_one_and_each_item_is_applied_once_in_order()
    {
        await using var pair = await FoldingPair.StartAsync();
        var customers = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();

        // Ten rounds of single postings, a bulk batch, nine more rounds: each commit on its own, as the API commits them.
        await pair.CommitWithRelayStoppedAsync(async producer =>
        {
            for (var sequence = 1; sequence <= 20; sequence++)
            {
                if (sequence == 11)
                {
                    await producer.CommitAsync(new ProbeBatchEvent(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(),
                        [.. customers.Select(customer => new ProbeItem(customer, sequence))]));
                    continue;
                }

                foreach (var customer in customers)
                {
                    await producer.CommitAsync(ProbeBatchEvent.Posted(customer, sequence));
                }
            }
        });

        await Eventually.ReturnsAsync(() => pair.Consumer.QueryCountAsync(EffectRows), count => count >= 80, because: "for 80 effects");
        await Task.Delay(500);
        Assert.Equal(80, await pair.Consumer.QueryCountAsync(EffectRows));
        // Forty postings, the batch (never folded), thirty-six postings.
        Assert.Equal(3, pair.Consumer.Deliveries.Total);
        foreach (var customer in customers)
        {
            Assert.Equal(Enumerable.Range(1, 20), await pair.Consumer.QuerySequencesAsync(customer));
        }

        // Every row the API committed is still there, and sent: two hold the folded events, the others went inside them.
        Assert.Equal(0, await pair.Producer.QueryCountAsync("select count(*) from outbox where sent_at is null"));
        Assert.Equal(77, await pair.Producer.QueryCountAsync("select count(*) from outbox"));
        Assert.Equal(2, await pair.Producer.QueryCountAsync($"select count(*) from outbox where {FoldedRows}"));
    }

    [Fact]
    public async Task A_folded_event_republished_after_a_crash_is_recognised_and_never_folded_again()
    {
        await using var pair = await FoldingPair.StartAsync();
        var customer = Guid.NewGuid();
        await pair.CommitWithRelayStoppedAsync(async producer =>
        {
            for (var sequence = 1; sequence <= 30; sequence++)
            {
                await producer.CommitAsync(ProbeBatchEvent.Posted(customer, sequence));
            }
        });
        await Eventually.ReturnsAsync(() => pair.Consumer.QueryCountAsync(EffectRows), count => count == 30, because: "for 30 effects");
        Assert.Equal(1, pair.Consumer.Deliveries.Total);

        // The relay died after the broker confirmed the folded event but before its sent mark committed; while it was
        // down, five more postings committed behind it. It restarts and finds all six rows waiting.
        await pair.CommitWithRelayStoppedAsync(async producer =>
        {
            await producer.ExecuteAsync($"update outbox set sent_at = null where {FoldedRows}");
            for (var sequence = 31; sequence <= 35; sequence++)
            {
                await producer.CommitAsync(ProbeBatchEvent.Posted(customer, sequence));
            }
        });

        await Eventually.ReturnsAsync(() => pair.Consumer.QueryCountAsync(EffectRows), count => count >= 35, because: "for the five new effects");
        await Eventually.ReturnsAsync(() => Task.FromResult(pair.Consumer.Deliveries.Total), total => total == 3,
            because: "for the folded event again and the five postings");
        Assert.Equal(2, pair.Consumer.Deliveries.Distinct);
        Assert.Equal(35, await pair.Consumer.QueryCountAsync(EffectRows));
        Assert.Equal(Enumerable.Range(1, 35), await pair.Consumer.QuerySequencesAsync(customer));
    }

    [Fact]
    public async Task An_event_the_fold_cannot_read_goes_out_as_it_is_and_holds_nothing_up()
    {
        await using var pair = await FoldingPair.StartAsync();
        var customer = Guid.NewGuid();
        var type = typeof(ProbeBatchEvent);
        await pair.CommitWithRelayStoppedAsync(async producer =>
        {
            for (var sequence = 1; sequence <= 10; sequence++)
            {
                if (sequence == 6)
                {
                    // Written by hand: the payload is JSON, but not a probe batch.
                    await producer.ExecuteAsync($$"""
                        insert into outbox (message_id, message_type, partition_key, payload)
                        values (gen_random_uuid(), '{{type.FullName}}, {{type.Assembly.GetName().Name}}', '{{customer}}', '{"items": 5}')
                        """);
                }

                await producer.CommitAsync(ProbeBatchEvent.Posted(customer, sequence));
            }
        });

        await Eventually.ReturnsAsync(() => pair.Producer.QueryCountAsync("select count(*) from outbox where sent_at is null"), count => count == 0,
            because: "for every row to be sent");
        await Eventually.ReturnsAsync(() => pair.Consumer.QueryCountAsync(EffectRows), count => count >= 10, because: "for the ten effects");
        Assert.Equal(Enumerable.Range(1, 10), await pair.Consumer.QuerySequencesAsync(customer));
        Assert.Equal(2, await pair.Producer.QueryCountAsync($"select count(*) from outbox where {FoldedRows}"));
    }

    [Fact]
    public async Task A_posting_on_its_own_leaves_as_it_was_committed()
    {
        await using var pair = await FoldingPair.StartAsync();
        var posted = ProbeBatchEvent.Posted(Guid.NewGuid(), 1);

        await pair.Producer.CommitAsync(posted);

        await Eventually.ReturnsAsync(() => pair.Consumer.QueryCountAsync(EffectRows), count => count == 1, because: "for the effect");
        Assert.Equal(1, await pair.Consumer.QueryCountAsync($"select count(*) from effects where event_id = '{posted.EventId}'"));
    }

    [Fact]
    public async Task Two_folds_for_one_event_type_stop_the_service_at_start_with_a_reason()
    {
        var environment = await (await TestInfrastructure.GetAsync()).CreateEnvironmentAsync("producerdb");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => MessagingService.StartAsync(
            "producer", environment.ConnectionStrings["producerdb"], environment.ConnectionStrings["messaging"],
            services: services => services.AddEventFold<ProbeBatchFold>().AddEventFold<ProbeBatchFold>().AddEventFold<OtherProbeBatchFold>()));

        Assert.Contains("Two folds for ProbeBatchEvent", failure.Message);
    }

    private sealed class OtherProbeBatchFold : EventFold<ProbeBatchEvent>
    {
        protected override bool CanFold(ProbeBatchEvent message) => false;

        protected override ProbeBatchEvent Fold(IReadOnlyList<ProbeBatchEvent> messages) => messages[0];
    }

    /// <summary>A producer whose relay folds probe batches, and a consumer that applies one message at a time, in order.</summary>
    private sealed class FoldingPair : IAsyncDisposable
    {
        private readonly TestEnvironment _environment;

        private FoldingPair(TestEnvironment environment, MessagingService consumer, MessagingService producer)
        {
            _environment = environment;
            Consumer = consumer;
            Producer = producer;
        }

        public MessagingService Consumer { get; }

        public MessagingService Producer { get; private set; }

        public static async Task<FoldingPair> StartAsync()
        {
            var environment = await (await TestInfrastructure.GetAsync()).CreateEnvironmentAsync("producerdb", "consumerdb");
            var consumer = await MessagingService.StartAsync("consumer", environment.ConnectionStrings["consumerdb"], environment.ConnectionStrings["messaging"],
                bus => bus.AddConsumer<RecordItemEffectsConsumer>().Endpoint(endpoint =>
                {
                    endpoint.PrefetchCount = 1;
                    endpoint.ConcurrentMessageLimit = 1;
                }));
            return new FoldingPair(environment, consumer, await StartProducerAsync(environment, relayEnabled: true));
        }

        /// <summary>
        /// Commits with the relay stopped, then starts it again: it then finds every commit waiting at once, as it does
        /// under a stream of postings or after an outage.
        /// </summary>
        public async Task CommitWithRelayStoppedAsync(Func<MessagingService, Task> commit)
        {
            await Producer.DisposeAsync();
            await using (var stopped = await StartProducerAsync(_environment, relayEnabled: false))
            {
                await commit(stopped);
            }

            Producer = await StartProducerAsync(_environment, relayEnabled: true);
        }

        public async ValueTask DisposeAsync()
        {
            await Producer.DisposeAsync();
            await Consumer.DisposeAsync();
        }

        private static Task<MessagingService> StartProducerAsync(TestEnvironment environment, bool relayEnabled) =>
            MessagingService.StartAsync("producer", environment.ConnectionStrings["producerdb"], environment.ConnectionStrings["messaging"],
                relayEnabled: relayEnabled, services: services => services.AddEventFold<ProbeBatchFold>());
    }
}
