using System.Data.Common;
using System.Text.Json;
using Crm.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Writes integration events into the outbox table inside the caller's transaction, so an event exists exactly
/// when the state change that caused it has committed. The relay publishes them afterwards.
/// </summary>
public sealed class Outbox
{
    public const string Channel = "crm_outbox";

    // NOTIFY is delivered at commit and coalesced per transaction, so the relay wakes once per commit;
    // sending it with the insert saves a round trip per transaction. Payloads go in as json (UTF-8, see PooledPayloads),
    // which a jsonb column takes by assignment and a json column (a service with big bulk events) stores without
    // parsing them into jsonb.
    private const string InsertAndNotifySql = $"""
        insert into outbox (message_id, message_type, partition_key, payload)
        select * from unnest(@MessageIds, @MessageTypes, @PartitionKeys, @Payloads);
        select pg_notify('{Channel}', '');
        """;

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public Task EnqueueAsync(DbTransaction transaction, IIntegrationEvent message, CancellationToken cancellationToken = default) =>
        EnqueueAsync(transaction, [message], cancellationToken);

    public async Task EnqueueAsync(DbTransaction transaction, IReadOnlyCollection<IIntegrationEvent> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        if (transaction is not NpgsqlTransaction { Connection: { } connection } npgsqlTransaction)
        {
            throw new ArgumentException("The outbox writes with Npgsql: pass an open NpgsqlTransaction.", nameof(transaction));
        }

        using var payloads = new PooledPayloads(messages, SerializerOptions);
        await using var command = new NpgsqlCommand(InsertAndNotifySql, connection, npgsqlTransaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("MessageIds", messages.Select(m => m.EventId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("MessageTypes", messages.Select(m => MessageTypes.NameOf(m.GetType())).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("PartitionKeys", messages.Select(m => m.OrderingKey).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>[]>("Payloads", NpgsqlDbType.Array | NpgsqlDbType.Json) { TypedValue = payloads.Payloads });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
