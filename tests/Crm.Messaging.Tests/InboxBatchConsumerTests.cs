using Crm.Testing;
using Crm.Testing.Probes;
using Dapper;
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

    [Fact]
    public async Task A_batch_split_by_customer_applies_each_part_in_its_own_transaction_once_each_in_order_also_after_one_part_fails()
    {
        await using var consumer = await StartAsync(bus => bus.AddConsumer<RecordEffectsByCustomerConsumer>(batches => batches.Options<BatchOptions>(batch => batch
            .SetMessageLimit(50)
            .SetTimeLimit(TimeSpan.FromMilliseconds(200)))));
        var partitioner = new RecordEffectsByCustomerConsumer(consumer.DataSource);
        // Two customers in every partition, ten events each, interleaved as they would arrive.
        var customers = TwoCustomersPerPartition(partitioner);
        var events = Enumerable.Range(1, 10).SelectMany(sequence => customers.Select(customer => ProbeEvent.New(customer, sequence))).ToArray();
        RecordEffectsByCustomerConsumer.FailOnceOn(events[^1].EventId);

        await consumer.CommitAsync(events);

        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync("select count(*) from effects"), count => count >= events.Length, because: "for every effect");
        await Task.Delay(300);
        Assert.Equal(events.Length, await consumer.QueryCountAsync("select count(*) from effects"));
        Assert.Equal(events.Length, await consumer.QueryCountAsync("select count(distinct event_id) from effects"));
        foreach (var customer in customers)
        {
            Assert.Equal(Enumerable.Range(1, 10), await consumer.QuerySequencesAsync(customer));
        }

        // Every event recorded once, under its customer's partition; every partition had its own transactions.
        Assert.Equal(events.Length, await consumer.QueryCountAsync("select count(*) from inbox"));
        Assert.Equal(RecordEffectsByCustomerConsumer.PartitionCount, await consumer.QueryCountAsync("select count(distinct consumer) from inbox"));
        await using var connection = await consumer.DataSource.OpenConnectionAsync();
        var transactions = (await connection.QueryAsync<(string AppliedIn, Guid CustomerId)>("select applied_in::text, customer_id from effects"))
            .GroupBy(row => row.AppliedIn, row => partitioner.PartitionOfCustomer(row.CustomerId));
        Assert.All(transactions, transaction => Assert.Single(transaction.Distinct()));
    }

    [Fact]
    public async Task A_light_group_is_applied_in_one_transaction_its_parts_recorded_under_their_partitions_once_each_also_after_a_failure()
    {
        await using var consumer = await StartAsync(bus => bus.AddConsumer<RecordSmallGroupsTogetherConsumer>(batches => batches.Options<BatchOptions>(batch => batch
            .SetMessageLimit(50)
            .SetTimeLimit(TimeSpan.FromMilliseconds(200)))));
        var partitioner = new RecordSmallGroupsTogetherConsumer(consumer.DataSource);
        var customers = TwoCustomersPerPartition(partitioner);
        // 24 events: lighter than the split threshold, so a delivery of them is one transaction.
        var events = Enumerable.Range(1, 4).SelectMany(sequence => customers.Select(customer => ProbeEvent.New(customer, sequence))).ToArray();
        Assert.True(events.Length < RecordSmallGroupsTogetherConsumer.SplitFrom);
        RecordEffectsByCustomerConsumer.FailOnceOn(events[^1].EventId);

        await consumer.CommitAsync(events);

        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync("select count(*) from effects"), count => count >= events.Length, because: "for every effect");
        await Task.Delay(300);
        Assert.Equal(events.Length, await consumer.QueryCountAsync("select count(distinct event_id) from effects"));
        Assert.Equal(events.Length, await consumer.QueryCountAsync("select count(*) from effects"));
        foreach (var customer in customers)
        {
            Assert.Equal(Enumerable.Range(1, 4), await consumer.QuerySequencesAsync(customer));
        }

        // Recorded once each under its customer's partition, as the split path records them, so either path skips it later.
        Assert.Equal(events.Length, await consumer.QueryCountAsync("select count(*) from inbox"));
        Assert.Equal(RecordEffectsByCustomerConsumer.PartitionCount, await consumer.QueryCountAsync("select count(distinct consumer) from inbox"));
        await using var connection = await consumer.DataSource.OpenConnectionAsync();
        var transactions = (await connection.QueryAsync<(string AppliedIn, Guid CustomerId)>("select applied_in::text, customer_id from effects"))
            .GroupBy(row => row.AppliedIn, row => partitioner.PartitionOfCustomer(row.CustomerId)).ToList();
        Assert.Contains(transactions, transaction => transaction.Distinct().Count() == RecordEffectsByCustomerConsumer.PartitionCount);
    }

    /// <summary>Two customer ids for every partition of <paramref name="partitioner"/>, partition by partition.</summary>
    private static List<Guid> TwoCustomersPerPartition(RecordEffectsByCustomerConsumer partitioner)
    {
        var byPartition = new Dictionary<int, List<Guid>>();
        while (byPartition.Count < RecordEffectsByCustomerConsumer.PartitionCount || byPartition.Values.Any(ids => ids.Count < 2))
        {
            var id = Guid.NewGuid();
            var partition = partitioner.PartitionOfCustomer(id);
            if (!byPartition.TryGetValue(partition, out var ids))
            {
                byPartition[partition] = ids = [];
            }

            if (ids.Count < 2)
            {
                ids.Add(id);
            }
        }

        return [.. byPartition.Values.SelectMany(ids => ids)];
    }

    private static async Task<MessagingService> StartAsync(Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var environment = await infrastructure.CreateEnvironmentAsync("probedb");
        // A whole commit's events fit in one batch, so the weight limit, not the batch, decides the transactions.
        return await MessagingService.StartAsync("grouped", environment.ConnectionStrings["probedb"], environment.ConnectionStrings["messaging"],
            consumers ?? (bus => bus.AddConsumer<RecordEffectsInGroupsConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(50)
                .SetTimeLimit(TimeSpan.FromMilliseconds(200))))));
    }
}
