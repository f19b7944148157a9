using System.Collections.Concurrent;
using Crm.Contracts;
using Crm.Messaging.Inbox;
using Crm.Testing;
using Dapper;
using MassTransit;
using Npgsql;

namespace Crm.Messaging.Tests;

/// <summary>
/// An erasure and a batch about the same person, processed at the same moment, end with the person forgotten: the
/// erasure waits for the batch to commit and removes what it wrote; a write that comes later waits for the erasure.
/// </summary>
public sealed class ErasureGateTests
{
    private const string ErasedMarks = "select count(*) from effects where sequence = 0";

    [Fact]
    public async Task An_erasure_waits_for_a_batch_about_the_person_still_in_flight_and_forgets_what_it_wrote()
    {
        await using var service = await StartAsync();
        var customer = Guid.NewGuid();
        var held = new HeldProbeEvent(Guid.CreateVersion7(), DateTimeOffset.UtcNow, customer);
        var release = HeldBatchConsumer.Hold(held.EventId);

        // The batch has written its effect and not committed yet when the erasure arrives.
        await service.CommitAsync(held);
        await HeldBatchConsumer.WrittenAsync(held.EventId);
        await service.CommitAsync(new ErasedProbeEvent(Guid.CreateVersion7(), DateTimeOffset.UtcNow, customer));

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await service.QueryCountAsync(ErasedMarks));

        release.SetResult();
        await Eventually.ReturnsAsync(() => service.QueryCountAsync(ErasedMarks), count => count == 1, because: "for the erasure to commit");
        Assert.Equal([0], await service.QuerySequencesAsync(customer));
        Assert.Equal(1, await service.QueryCountAsync($"select count(*) from inbox where message_id = '{held.EventId}'"));
    }

    [Fact]
    public async Task A_write_passing_the_gate_waits_for_an_erasure_in_progress_and_not_for_other_writes()
    {
        await using var service = await StartAsync();
        await using var erasing = await service.DataSource.OpenConnectionAsync();
        await using var erasure = await erasing.BeginTransactionAsync();
        await erasing.ExecuteAsync(ErasureGate.CloseSql, transaction: erasure);

        await using var writing = await service.DataSource.OpenConnectionAsync();
        await using var write = await writing.BeginTransactionAsync();
        var passing = ErasureGate.PassAsync(write, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(passing.IsCompleted);

        await erasure.CommitAsync();
        await passing.WaitAsync(TimeSpan.FromSeconds(10));

        // Writers share the gate.
        await using var other = await service.DataSource.OpenConnectionAsync();
        await using var otherWrite = await other.BeginTransactionAsync();
        await ErasureGate.PassAsync(otherWrite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<MessagingService> StartAsync()
    {
        var environment = await (await TestInfrastructure.GetAsync()).CreateEnvironmentAsync("probedb");
        return await MessagingService.StartAsync("erasing", environment.ConnectionStrings["probedb"], environment.ConnectionStrings["messaging"],
            bus =>
            {
                bus.AddConsumer<HeldBatchConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
                    .SetMessageLimit(10)
                    .SetTimeLimit(TimeSpan.FromMilliseconds(50))));
                bus.AddConsumer<ErasingConsumer>();
            });
    }
}

public sealed record HeldProbeEvent(Guid EventId, DateTimeOffset OccurredAt, Guid CustomerId) : ICustomerEvent;

public sealed record ErasedProbeEvent(Guid EventId, DateTimeOffset OccurredAt, Guid CustomerId) : ICustomerEvent;

/// <summary>Writes each event's effect, then keeps its transaction open until the test releases it.</summary>
public sealed class HeldBatchConsumer(NpgsqlDataSource dataSource) : InboxBatchConsumer<HeldProbeEvent>(dataSource)
{
    private static readonly ConcurrentDictionary<Guid, (TaskCompletionSource Written, TaskCompletionSource Release)> Holds = new();

    public static TaskCompletionSource Hold(Guid eventId) =>
        Holds.GetOrAdd(eventId, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously))).Release;

    public static Task WrittenAsync(Guid eventId) => Holds[eventId].Written.Task.WaitAsync(TimeSpan.FromSeconds(20));

    protected override async Task HandleAsync(IReadOnlyList<HeldProbeEvent> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(
            "insert into effects (event_id, customer_id, sequence) values (@EventId, @CustomerId, 1)", messages, transaction);
        foreach (var message in messages)
        {
            if (Holds.TryGetValue(message.EventId, out var hold))
            {
                hold.Written.TrySetResult();
                await hold.Release.Task;
            }
        }
    }
}

/// <summary>Forgets the person's effects and marks them erased (an effect of sequence 0).</summary>
public sealed class ErasingConsumer(NpgsqlDataSource dataSource) : InboxConsumer<ErasedProbeEvent>(dataSource)
{
    protected override bool Erases => true;

    protected override Task HandleAsync(ErasedProbeEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync("""
            delete from effects where customer_id = @CustomerId;
            insert into effects (event_id, customer_id, sequence) values (@EventId, @CustomerId, 0);
            """, message, transaction);
}
