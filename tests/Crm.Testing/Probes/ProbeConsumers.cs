using System.Collections.Concurrent;
using Crm.Messaging.Inbox;
using Dapper;
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
