using System.Collections.Concurrent;
using Crm.Messaging.Inbox;
using Dapper;
using MassTransit;
using Npgsql;

namespace Crm.Testing.Probes;

/// <summary>Applies each probe event as one row in <c>effects</c>.</summary>
public sealed class RecordEffectConsumer(NpgsqlDataSource dataSource) : InboxConsumer<ProbeEvent>(dataSource)
{
    protected override Task HandleAsync(ProbeEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(
            "insert into effects (event_id, customer_id, sequence) values (@EventId, @CustomerId, @Sequence)",
            message, transaction);
}

/// <summary>Writes an effect and then fails, every time: the effect must never be seen.</summary>
public sealed class FailingProbeConsumer(NpgsqlDataSource dataSource) : InboxConsumer<FailingProbeEvent>(dataSource)
{
    private static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    public static int AttemptsFor(Guid eventId) => Attempts.GetValueOrDefault(eventId);

    protected override async Task HandleAsync(FailingProbeEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(message.EventId, 1, (_, count) => count + 1);
        await transaction.Connection!.ExecuteAsync(
            "insert into effects (event_id, customer_id, sequence) values (@EventId, @CustomerId, -1)", message, transaction);
        throw new InvalidOperationException("The probe consumer always fails.");
    }
}

/// <summary>
/// Applies probe events a batch at a time, at most <see cref="GroupLimit"/> sequence points per transaction (an event
/// weighs its sequence number, at least 1), and fails the first transaction that holds the event marked to fail.
/// </summary>
public sealed class RecordEffectsInGroupsConsumer(NpgsqlDataSource dataSource) : InboxBatchConsumer<ProbeEvent>(dataSource)
{
    public const int GroupLimit = 10;

    private static readonly ConcurrentDictionary<Guid, bool> FailOnce = new();

    public static void FailOnceOn(Guid eventId) => FailOnce[eventId] = true;

    protected override int Weight(ProbeEvent message) => Math.Max(1, message.Sequence);

    protected override int MaxWeightPerTransaction => GroupLimit;

    protected override async Task HandleAsync(IReadOnlyList<ProbeEvent> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(
            "insert into effects (event_id, customer_id, sequence) values (@EventId, @CustomerId, @Sequence)", messages, transaction);
        if (messages.Any(message => FailOnce.TryRemove(message.EventId, out _)))
        {
            throw new InvalidOperationException("The probe consumer fails this group once.");
        }
    }
}

/// <summary>Keeps each detailed probe event as received, with the ids the broker message carried.</summary>
public sealed class KeepReceivedConsumer : IConsumer<DetailedProbeEvent>
{
    private static readonly ConcurrentDictionary<Guid, (DetailedProbeEvent Message, Guid? MessageId, Guid? CorrelationId)> Received = new();

    public static (DetailedProbeEvent Message, Guid? MessageId, Guid? CorrelationId)? For(Guid eventId) =>
        Received.TryGetValue(eventId, out var received) ? received : null;

    public Task Consume(ConsumeContext<DetailedProbeEvent> context)
    {
        Received[context.Message.EventId] = (context.Message, context.MessageId, context.CorrelationId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Applies probe events a batch at a time split by customer into <see cref="PartitionCount"/> transactions side by
/// side, and fails the first transaction that holds the event marked to fail.
/// </summary>
public class RecordEffectsByCustomerConsumer(NpgsqlDataSource dataSource) : InboxBatchConsumer<ProbeEvent>(dataSource)
{
    public const int PartitionCount = 3;

    private static readonly ConcurrentDictionary<Guid, bool> FailOnce = new();

    public static void FailOnceOn(Guid eventId) => FailOnce[eventId] = true;

    public int PartitionOfCustomer(Guid customerId) => PartitionOf(customerId);

    protected override int Partitions => PartitionCount;

    protected override ProbeEvent? PartFor(ProbeEvent message, int partition) =>
        PartitionOf(message.CustomerId) == partition ? message : null;

    protected override async Task HandleAsync(IReadOnlyList<ProbeEvent> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(
            "insert into effects (event_id, customer_id, sequence) values (@EventId, @CustomerId, @Sequence)", messages, transaction);
        if (messages.Any(message => FailOnce.TryRemove(message.EventId, out _)))
        {
            throw new InvalidOperationException("The probe consumer fails this part once.");
        }
    }
}

/// <summary>The same, but groups of fewer than <see cref="SplitFrom"/> events are applied in one transaction.</summary>
public sealed class RecordSmallGroupsTogetherConsumer(NpgsqlDataSource dataSource) : RecordEffectsByCustomerConsumer(dataSource)
{
    public const int SplitFrom = 100;

    protected override int MinWeightToSplit => SplitFrom;
}

/// <summary>Applies each item of a probe batch as one row in <c>effects</c>, under the batch's event id.</summary>
public sealed class RecordItemEffectsConsumer(NpgsqlDataSource dataSource) : InboxConsumer<ProbeBatchEvent>(dataSource)
{
    protected override Task HandleAsync(ProbeBatchEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(
            "insert into effects (event_id, customer_id, sequence) values (@EventId, @CustomerId, @Sequence)",
            message.Items.Select(item => new { message.EventId, item.CustomerId, item.Sequence }), transaction);
}
