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
    // sending it with the insert saves a round trip per transaction. Payloads go in as UTF-8 (see PooledPayloads),
    // typed as the outbox's payload column (see PayloadTypeAsync).
    private const string InsertAndNotifySql = $"""
        insert into outbox (message_id, message_type, partition_key, payload)
        select * from unnest(@MessageIds, @MessageTypes, @PartitionKeys, @Payloads);
        select pg_notify('{Channel}', '');
        """;

    private const string PayloadColumnTypeSql = """
        select atttypid::regtype::text from pg_attribute where attrelid = 'outbox'::regclass and attname = 'payload'
        """;

    // The relay reads events back with the same options when it folds them (see OutboxFolding).
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    // Read once: the service's migrations have run before anything is enqueued, so the column's type no longer changes.
    // Boxed, so a thread that sees it sees all of it (a nullable enum is two fields, which could be read half written).
    private object? _payloadType;

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

        var payloadType = (NpgsqlDbType)(_payloadType ??= await PayloadTypeAsync(connection, npgsqlTransaction, cancellationToken));
        using var payloads = new PooledPayloads(messages, SerializerOptions);
        await using var command = new NpgsqlCommand(InsertAndNotifySql, connection, npgsqlTransaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("MessageIds", messages.Select(m => m.EventId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("MessageTypes", messages.Select(m => MessageTypes.NameOf(m.GetType())).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("PartitionKeys", messages.Select(m => m.OrderingKey).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>[]>("Payloads", NpgsqlDbType.Array | payloadType) { TypedValue = payloads.Payloads });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Text for a text column (the services with big bulk events): PostgreSQL then stores payloads without lexing each
    /// one to check that it is JSON, which the serializer guarantees anyway. Json otherwise: a json column checks them,
    /// and a jsonb column takes json by assignment.
    /// </summary>
    private static async Task<NpgsqlDbType> PayloadTypeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PayloadColumnTypeSql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is "text" ? NpgsqlDbType.Text : NpgsqlDbType.Json;
    }
}
