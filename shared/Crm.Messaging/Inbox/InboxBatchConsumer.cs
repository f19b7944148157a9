using System.Buffers.Binary;
using Dapper;
using MassTransit;
using Npgsql;

namespace Crm.Messaging.Inbox;

/// <summary>
/// Base for consumers of many small events (one customer's sale at a time, thousands a second) whose effects are
/// cheaper applied together: MassTransit collects a batch, every message id is recorded in the inbox in one statement,
/// and the messages not seen before are handled in one transaction with it. A redelivered message is skipped; a
/// failure rolls the transaction back and the batch is retried, its already committed part then being skipped.
/// </summary>
/// <remarks>
/// <para>
/// Big events (a bulk import's thousand transactions) can arrive in the same batch as small ones. So that one
/// transaction never takes on dozens of them (holding its locks and memory for seconds), messages are handled in
/// consecutive groups of at most <see cref="MaxWeightPerTransaction"/> (as measured by <see cref="Weight"/>), each group
/// in its own transaction with its own inbox records.
/// </para>
/// <para>
/// A consumer whose effects are each about one customer can also split every group into <see cref="Partitions"/>
/// parts by customer (<see cref="PartFor"/>), each applied in a transaction of its own on a connection of its own, all
/// at once. Transactions about different customers never wait for each other's row locks, so the database and this
/// process work side by side instead of in turn. Each part is recorded in the inbox under its partition. A group
/// lighter than <see cref="MinWeightToSplit"/> has its parts applied together in one transaction instead.
/// </para>
/// </remarks>
public abstract class InboxBatchConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    // The erasure gate is passed in the same statement as the inbox record, before any effect (see ErasureGate).
    private const string RecordSql = $"""
        insert into inbox (message_id, consumer) select unnest(@MessageIds), @Consumer from ({ErasureGate.PassSql}) as gate
        on conflict do nothing
        returning message_id
        """;

    /// <summary>How much work a message is (by default 1: every message alike).</summary>
    protected virtual int Weight(TMessage message) => 1;

    /// <summary>The most weight handled in one transaction; a single heavier message is still handled, alone.</summary>
    protected virtual int MaxWeightPerTransaction => int.MaxValue;

    /// <summary>
    /// Into how many parts, applied side by side, each group is split (1: not split). The inbox records a message once
    /// per partition, so a consumer that changes this between a delivery and its redelivery must find its effects
    /// already applied by their own keys (a sale's id, say), as the inbox will not know them.
    /// </summary>
    protected virtual int Partitions => 1;

    /// <summary>
    /// Groups lighter than this are applied in one transaction, their parts still recorded under their partitions
    /// (by default every group is split). A part per transaction pays a connection, a commit and the consumer's fixed
    /// statements each time; for a handful of messages that is most of the work.
    /// </summary>
    protected virtual int MinWeightToSplit => 0;

    /// <summary>What of <paramref name="message"/> belongs to <paramref name="partition"/>; null when nothing does.</summary>
    protected virtual TMessage? PartFor(TMessage message, int partition) => partition == 0 ? message : null;

    /// <summary>A customer's partition: the same for the same id, spread evenly over random (v4) and time-ordered (v7) ids.</summary>
    protected int PartitionOf(Guid customerId)
    {
        Span<byte> bytes = stackalloc byte[16];
        customerId.TryWriteBytes(bytes);
        // The last bytes are random in both kinds of id; a v7 id starts with its timestamp.
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]) % (uint)Partitions);
    }

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var cancellationToken = context.CancellationToken;
        var batch = context.Message.Select(message => (Id: message.MessageId
                ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated."), message.Message))
            .DistinctBy(message => message.Id)
            .ToList();
        var partitions = Partitions;
        if (partitions == 1)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            foreach (var group in InTransactionGroups(batch, MaxWeightPerTransaction))
            {
                var whole = new Part(GetType().Name, [.. group.Select((message, index) => (message.Id, index, message.Message))]);
                await ApplyAsync(connection, [whole], cancellationToken);
            }

            return;
        }

        // Each part then weighs about the limit.
        foreach (var group in InTransactionGroups(batch, (long)MaxWeightPerTransaction * partitions))
        {
            var parts = PartsOf(group, partitions);
            if (group.Sum(message => (long)Weight(message.Message)) < MinWeightToSplit)
            {
                // A few posted sales are not worth a transaction per part: their parts are applied in one, each still
                // recorded under its partition, so a redelivery skips exactly what the split path would.
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await ApplyAsync(connection, parts, cancellationToken);
                continue;
            }

            await Task.WhenAll(parts.Select(async part =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await ApplyAsync(connection, [part], cancellationToken);
            }));
        }
    }

    /// <summary>
    /// Messages recorded in the inbox under one consumer name, with their places in the group (a part of a split
    /// group is recorded under its partition).
    /// </summary>
    private sealed record Part(string Consumer, List<(Guid Id, int Index, TMessage Message)> Messages);

    // The group's non-empty parts, partition by partition, each recorded under its partition's name.
    private List<Part> PartsOf(List<(Guid Id, TMessage Message)> group, int partitions)
    {
        var parts = new List<Part>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var shares = new List<(Guid Id, int Index, TMessage Message)>();
            for (var index = 0; index < group.Count; index++)
            {
                if (PartFor(group[index].Message, partition) is { } share)
                {
                    shares.Add((group[index].Id, index, share));
                }
            }

            if (shares.Count > 0)
            {
                parts.Add(new Part($"{GetType().Name}#{partition}/{partitions}", shares));
            }
        }

        return parts;
    }

    // Consecutive groups, so the order messages arrived in is the order they are handled in.
    private IEnumerable<List<(Guid Id, TMessage Message)>> InTransactionGroups(List<(Guid Id, TMessage Message)> batch, long maxWeight)
    {
        var group = new List<(Guid Id, TMessage Message)>();
        long weight = 0;
        foreach (var message in batch)
        {
            var messageWeight = Weight(message.Message);
            if (group.Count > 0 && weight + messageWeight > maxWeight)
            {
                yield return group;
                group = [];
                weight = 0;
            }

            group.Add(message);
            weight += messageWeight;
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>Applies the parts' messages not seen before under their names, in one transaction with their inbox records.</summary>
    private async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<Part> parts, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fresh = new List<(int Index, TMessage Message)>();
        foreach (var part in parts)
        {
            var unseen = await RecordAsync(connection, transaction, part.Messages.Select(message => message.Id), part.Consumer, cancellationToken);
            fresh.AddRange(part.Messages.Where(message => unseen.Contains(message.Id)).Select(message => (message.Index, message.Message)));
        }

        if (fresh.Count == 0)
        {
            return;
        }

        // Handled in the order they arrived, so one customer's events keep their order within the batch.
        await HandleAsync([.. fresh.OrderBy(message => message.Index).Select(message => message.Message)], transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records the messages in the inbox for <paramref name="consumer"/>; returns those it had not seen.</summary>
    private static async Task<HashSet<Guid>> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<Guid> messageIds, string consumer, CancellationToken cancellationToken)
    {
        // A concurrent duplicate blocks on the primary key until the first delivery commits, then inserts nothing.
        return (await connection.QueryAsync<Guid>(new CommandDefinition(RecordSql,
            new { MessageIds = messageIds.ToArray(), Consumer = consumer }, transaction, cancellationToken: cancellationToken))).ToHashSet();
    }

    /// <summary>Applies the messages' effects inside <paramref name="transaction"/> (which may also enqueue outbox events).</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TMessage> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
