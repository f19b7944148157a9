using System.Text.Json;
using Crm.Contracts;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Rewrites runs of claimed rows that a registered <see cref="IEventFold"/> can fold: the first row of each run takes
/// the folded event (so it keeps the run's place in the order) and the others are marked sent, as they leave inside it
/// (they stay until the retention purge, like every sent row). The rewrite commits with the relay's pass, and the
/// folded events are published by the next pass: a crash before that commit leaves the rows as they were, and a crash
/// after it republishes the folded events under their own ids, which consumers recognise.
/// </summary>
internal sealed partial class OutboxFolding(IEnumerable<IEventFold> folds, ILogger<OutboxFolding> logger)
{
    /// <summary>
    /// The partition key of a folded event, which is about several partitions (customers): the relay publishes it after
    /// every earlier row and before every later one, so each customer's events stay in order around it, and never folds
    /// it again.
    /// </summary>
    public const string Folded = "*";

    // Single events are a kilobyte or so; anything much bigger is a batch already, and is left as it is.
    private const int MaxFoldableBytes = 8 * 1024;

    // About what a bulk import puts in one event, so a folded event is no harder on consumers than a batch.
    private const int MaxFoldBytes = 256 * 1024;

    private const string PayloadsSql = "select id, payload::text as Payload from outbox where id = any(@Ids)";

    // An untyped parameter, so PostgreSQL reads the JSON as whatever the payload column is (text, json or jsonb).
    private const string RewriteSql = $"update outbox set message_id = $1, partition_key = '{Folded}', payload = $2 where id = $3";

    private const string FoldedAwaySql = "update outbox set sent_at = now() where id = any($1)";

    private readonly Dictionary<string, IEventFold> _folds = ByEventType(folds);

    /// <summary>
    /// Adds to <paramref name="writes"/> the rewrites that fold what can be folded among <paramref name="claimed"/> (in
    /// id order). Returns how many of the claimed rows come before the first folded one: only those may be published
    /// in this pass, so nothing overtakes the folded events.
    /// </summary>
    public async Task<int> FoldAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedRow> claimed, NpgsqlBatch writes, CancellationToken cancellationToken)
    {
        var runs = _folds.Count == 0 ? [] : CandidateRuns(claimed);
        if (runs.Count == 0)
        {
            return claimed.Count;
        }

        var payloads = (await connection.QueryAsync<(long Id, string Payload)>(new CommandDefinition(
                PayloadsSql, new { Ids = runs.SelectMany(run => run).Select(row => row.Id).ToArray() }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Id, row => row.Payload);

        long? firstFolded = null;
        var foldedAway = new List<long>();
        foreach (var run in runs)
        {
            var fold = _folds[run[0].MessageType];
            foreach (var part in FoldableParts(fold, run, payloads))
            {
                if (TryFold(fold, part) is not { } folded)
                {
                    continue;
                }

                writes.BatchCommands.Add(Command(RewriteSql,
                    new NpgsqlParameter<Guid> { TypedValue = folded.EventId },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Unknown, Value = JsonSerializer.Serialize(folded, fold.EventType, Outbox.SerializerOptions) },
                    new NpgsqlParameter<long> { TypedValue = part[0].Id }));
                foldedAway.AddRange(part.Skip(1).Select(row => row.Id));
                firstFolded ??= part[0].Id;
            }
        }

        if (firstFolded is not { } first)
        {
            return claimed.Count;
        }

        writes.BatchCommands.Add(Command(FoldedAwaySql, new NpgsqlParameter<long[]> { TypedValue = [.. foldedAway] }));
        return claimed.TakeWhile(row => row.Id != first).Count();
    }

    private static Dictionary<string, IEventFold> ByEventType(IEnumerable<IEventFold> folds)
    {
        var byType = new Dictionary<string, IEventFold>();
        foreach (var fold in folds)
        {
            var type = MessageTypes.NameOf(fold.EventType);
            if (!byType.TryAdd(type, fold))
            {
                throw new InvalidOperationException(
                    $"Two folds for {fold.EventType.Name} ({byType[type].GetType().Name} and {fold.GetType().Name}): register one.");
            }
        }

        return byType;
    }

    // Consecutive small rows of a type with a fold, not folded before, at least two, within MaxFoldBytes.
    private List<List<ClaimedRow>> CandidateRuns(IReadOnlyList<ClaimedRow> claimed)
    {
        var runs = new List<List<ClaimedRow>>();
        var run = new List<ClaimedRow>();
        long bytes = 0;
        foreach (var row in claimed)
        {
            var foldable = !row.Folded && row.StoredBytes <= MaxFoldableBytes && _folds.ContainsKey(row.MessageType);
            if (run.Count > 0 && (!foldable || row.MessageType != run[0].MessageType || bytes + row.StoredBytes > MaxFoldBytes))
            {
                Keep(run);
                run = [];
                bytes = 0;
            }

            if (foldable)
            {
                run.Add(row);
                bytes += row.StoredBytes;
            }
        }

        Keep(run);
        return runs;

        void Keep(List<ClaimedRow> candidate)
        {
            if (candidate.Count >= 2)
            {
                runs.Add(candidate);
            }
        }
    }

    // The run split where an event may not be folded (it stays as it is), keeping the parts of two or more events.
    private static IEnumerable<List<(long Id, IIntegrationEvent Message)>> FoldableParts(
        IEventFold fold, List<ClaimedRow> run, Dictionary<long, string> payloads)
    {
        var part = new List<(long Id, IIntegrationEvent Message)>();
        foreach (var row in run)
        {
            if (Read(fold, payloads[row.Id]) is { } message && fold.CanFold(message))
            {
                part.Add((row.Id, message));
                continue;
            }

            if (part.Count >= 2)
            {
                yield return part;
            }

            part = [];
        }

        if (part.Count >= 2)
        {
            yield return part;
        }
    }

    // A payload this service cannot read back as the fold's type is published as it is, like every event before folding
    // existed: one odd row must never hold up the outbox.
    private static IIntegrationEvent? Read(IEventFold fold, string payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, fold.EventType, Outbox.SerializerOptions) as IIntegrationEvent;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    // Likewise, events the fold fails on (an odd payload it did not expect) go out as they are, unfolded.
    private IIntegrationEvent? TryFold(IEventFold fold, List<(long Id, IIntegrationEvent Message)> part)
    {
        try
        {
            return fold.Fold([.. part.Select(row => row.Message)]);
        }
        catch (Exception exception)
        {
            LogFoldFailed(logger, exception, fold.EventType.Name, part[0].Id, part.Count);
            return null;
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding {Count} {EventType} events from outbox row {FirstId} failed; they are published one by one")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception, string eventType, long firstId, int count);
}
