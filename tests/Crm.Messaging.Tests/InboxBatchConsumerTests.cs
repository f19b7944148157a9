using Crm.Testing;
using Crm.Testing.Probes;
using MassTransit;

namespace Crm.Messaging.Tests;

/// <summary>
/// A batch of events is applied in transactions of bounded weight, in order, once each — also when a later
/// transaction of the batch fails and the whole batch is delivered again.
/// </summary>
public sealed class InboxBatchConsumerTests
{
    [Fact]
    public async Task A_batch_is_applied_in_transactions_of_at_most_the_weight_limit_each_event_once()
    {
        await using var consumer = await StartAsync();
        var customer = Guid.NewGuid();
        // Weights 1..8, 36 in all: no transaction may take more than 10 of it; the 8 alone is still applied.
        var events = Enumerable.Range(1, 8).Select(sequence => ProbeEvent.New(customer, sequence)).ToArray();

        await consumer.CommitAsync(events);

        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync("select count(*) from effects"), count => count >= 8, because: "for 8 effects");
        await Task.Delay(300);
        Assert.Equal(8, await consumer.QueryCountAsync("select count(*) from effects"));
        Assert.Equal(Enumerable.Range(1, 8), await consumer.QuerySequencesAsync(customer));
        var heaviestTransaction = await consumer.QueryCountAsync("select max(weight) from (select sum(sequence) as weight from effects group by applied_in) t");
        Assert.InRange(heaviestTransaction, 8, RecordEffectsInGroupsConsumer.GroupLimit);
    }

    [Fact]
    public async Task A_failure_in_a_later_transaction_keeps_the_earlier_ones_and_the_retry_does_not_apply_them_again()
    {
        await using var consumer = await StartAsync();
        var customer = Guid.NewGuid();
        var events = Enumerable.Range(1, 30).Select(_ => ProbeEvent.New(customer, 1)).ToArray();
        RecordEffectsInGroupsConsumer.FailOnceOn(events[^1].EventId);

        await consumer.CommitAsync(events);

        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync("select count(*) from effects"), count => count >= 30, because: "for 30 effects");
        await Task.Delay(300);
        Assert.Equal(30, await consumer.QueryCountAsync("select count(*) from effects"));
        Assert.Equal(30, await consumer.QueryCountAsync("select count(distinct event_id) from effects"));
        Assert.Equal(30, await consumer.QueryCountAsync("select count(*) from inbox"));
    }

    private static async Task<MessagingService> StartAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var environment = await infrastructure.CreateEnvironmentAsync("probedb");
        // A whole commit's events fit in one batch, so the weight limit, not the batch, decides the transactions.
        return await MessagingService.StartAsync("grouped", environment.ConnectionStrings["probedb"], environment.ConnectionStrings["messaging"],
            bus => bus.AddConsumer<RecordEffectsInGroupsConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(50)
                .SetTimeLimit(TimeSpan.FromMilliseconds(200)))));
    }
}
