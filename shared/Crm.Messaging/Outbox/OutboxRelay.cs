using Dapper;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the broker, oldest first, and marks them sent once the broker has confirmed
/// them. A crash at any point leaves unconfirmed rows unsent, so they are published again after a restart; the
/// consumers' inbox turns such a repeat into a no-op.
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxFolding folding,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // One relay at a time per database (replicas take turns), which keeps each customer's events in order.
    private const long RelayLockKey = 0x43524D_4F5554; // "CRM" "OUT"

    private const string LockSql = "select pg_try_advisory_xact_lock(@RelayLockKey)";

    // Claims ids, types and sizes, not payloads: those are read a few megabytes at a time (see PublishAsync), so a
    // backlog of bulk events (hundreds of kilobytes each) never sits in memory all at once.
    private const string ClaimSql = $"""
        select id, message_type as MessageType, pg_column_size(payload) as StoredBytes, partition_key = '{OutboxFolding.Folded}' as Folded
        from outbox
        where sent_at is null
        order by id
        limit @BatchSize
        for update skip locked
        """;

    private const string PayloadsSql = """
        select id, message_id as MessageId, message_type as MessageType, partition_key as PartitionKey, payload::text as Payload
        from outbox
        where id = any(@Ids)
        order by id
        """;

    private const string MarkSentSql = "update outbox set sent_at = now() where id = any($1)";

    private const string PurgeSql = """
        delete from outbox where sent_at < now() - @Retention;
        delete from inbox where processed_at < now() - @Retention;
        """;

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    private readonly OutboxOptions _options = options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RelayEnabled)
        {
            LogDisabled(logger);
            return;
        }

        var failures = 0;
        var nextPurge = clock.GetUtcNow();
        NpgsqlConnection? listener = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                listener ??= await ListenAsync(stoppingToken);
                var pass = await RelayAllAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextPurge)
                {
                    await PurgeAsync(stoppingToken);
                    nextPurge = clock.GetUtcNow() + PurgeInterval;
                }

                failures = 0;
                if ((pass.Published > 0 || pass.FoldedPending) && _options.Linger > TimeSpan.Zero)
                {
                    // Busy: let the next events gather for a moment, so a stream of single events goes out a few per
                    // claim rather than one claim (five round trips) each. After a quiet spell the first goes at once.
                    await Task.Delay(_options.Linger, clock, stoppingToken);
                }

                if (pass.FoldedPending)
                {
                    // Folded events go out on the next pass, whether or not another commit notifies.
                    continue;
                }

                // A commit that enqueues events notifies; the timeout is the fallback for a lost notification.
                await listener.WaitAsync(_options.PollInterval, stoppingToken);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Broker or database unavailable: nothing unconfirmed was marked sent, so back off and try again.
                failures++;
                LogRelayFailed(logger, ex, failures);
            }

            if (listener is not null)
            {
                await listener.DisposeAsync();
                listener = null;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * failures)), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (listener is not null)
        {
            await listener.DisposeAsync();
        }
    }

    private async Task<RelayPass> RelayAllAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        RelayPass pass;
        do
        {
            pass = await RelayBatchAsync(cancellationToken);
            published += pass.Published;
        }
        while (pass.Claimed == _options.BatchSize);
        return pass with { Published = published };
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync($"listen {Outbox.Channel}");
        return connection;
    }

    private async Task<RelayPass> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await ClaimAsync(connection, transaction, cancellationToken);
        if (claimed.Count == 0)
        {
            return default;
        }

        await using var writes = new NpgsqlBatch(connection, transaction);
        var publishable = await folding.FoldAsync(connection, transaction, claimed, writes, cancellationToken);
        var published = claimed[..publishable];
        if (published.Count > 0)
        {
            await PublishAsync(connection, transaction, published, cancellationToken);
            var markSent = new NpgsqlBatchCommand(MarkSentSql);
            markSent.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. published.Select(row => row.Id)] });
            writes.BatchCommands.Add(markSent);
        }

        await writes.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRelayed(logger, published.Count);
        return new RelayPass(claimed.Count, published.Count, FoldedPending: publishable < claimed.Count);
    }

    /// <summary>Locks the oldest unsent rows; none when another relay holds the turn.</summary>
    private async Task<List<ClaimedRow>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (!await connection.ExecuteScalarAsync<bool>(LockSql, new { RelayLockKey }, transaction))
        {
            return [];
        }

        return (await connection.QueryAsync<ClaimedRow>(
            new CommandDefinition(ClaimSql, new { _options.BatchSize }, transaction, cancellationToken: cancellationToken))).AsList();
    }

    private async Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ClaimedRow> claimed, CancellationToken cancellationToken)
    {
        // Chunks go out one after another in id order, so each partition's events stay in order across chunks.
        for (var start = 0; start < claimed.Count;)
        {
            var end = start + 1;
            long bytes = claimed[start].StoredBytes;
            while (end < claimed.Count && bytes + claimed[end].StoredBytes <= _options.MaxBatchBytes)
            {
                bytes += claimed[end++].StoredBytes;
            }

            var ids = new long[end - start];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = claimed[start + i].Id;
            }

            var rows = (await connection.QueryAsync<OutboxRow>(
                new CommandDefinition(PayloadsSql, new { Ids = ids }, transaction, cancellationToken: cancellationToken))).AsList();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            foreach (var stretch in Stretches(rows))
            {
                // Different customers' events go out concurrently; one customer's events go out one after another, in order.
                await Task.WhenAll(stretch.GroupBy(row => row.PartitionKey).Select(group => PublishInOrderAsync(group, timeout.Token)));
            }

            start = end;
        }
    }

    /// <summary>
    /// The rows cut at every event about several partitions (a folded one), which goes out alone between the rows
    /// before it and the rows after it.
    /// </summary>
    private static IEnumerable<List<OutboxRow>> Stretches(List<OutboxRow> rows)
    {
        var stretch = new List<OutboxRow>();
        foreach (var row in rows)
        {
            if (row.PartitionKey != OutboxFolding.Folded)
            {
                stretch.Add(row);
                continue;
            }

            if (stretch.Count > 0)
            {
                yield return stretch;
            }

            yield return [row];
            stretch = [];
        }

        if (stretch.Count > 0)
        {
            yield return stretch;
        }
    }

    private async Task PublishInOrderAsync(IEnumerable<OutboxRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            var type = MessageTypes.Resolve(row.MessageType);
            await bus.Publish(StoredEventSerializer.PlaceholderFor(type), type, context =>
            {
                // The event id doubles as the message id: it is what consumers' inboxes recognise on redelivery.
                context.MessageId = row.MessageId;
                context.CorrelationId = row.MessageId;
                context.Serializer = new StoredEventSerializer(row.Payload);
            }, cancellationToken);
        }
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(PurgeSql, new { _options.Retention }, cancellationToken: cancellationToken));
    }

    /// <param name="Claimed">Rows claimed by the last pass.</param>
    /// <param name="Published">Events published.</param>
    /// <param name="FoldedPending">Whether the last pass folded events, which the next pass publishes.</param>
    private readonly record struct RelayPass(int Claimed, int Published, bool FoldedPending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay is disabled on this instance; events stay in the outbox")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay failed ({Failures} in a row); retrying")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, int failures);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox relay published {Count} event(s)")]
    private static partial void LogRelayed(ILogger logger, int count);
}
