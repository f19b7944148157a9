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
/// Big events (a bulk import's thousand transactions) can arrive in the same batch as small ones. So that one
/// transaction never takes on dozens of them (holding its locks and memory for seconds), messages are handled in
/// consecutive groups of at most <see cref="MaxWeightPerTransaction"/> (as measured by <see cref="Weight"/>), each group
/// in its own transaction with its own inbox records.
/// </remarks>
public abstract class InboxBatchConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    private const string RecordSql = """
        insert into inbox (message_id, consumer) select unnest(@MessageIds), @Consumer
        on conflict do nothing
        returning message_id
        """;

    /// <summary>How much work a message is (by default 1: every message alike).</summary>
    protected virtual int Weight(TMessage message) => 1;

    /// <summary>The most weight handled in one transaction; a single heavier message is still handled, alone.</summary>
    protected virtual int MaxWeightPerTransaction => int.MaxValue;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var cancellationToken = context.CancellationToken;
        var batch = context.Message.Select(message => (Id: message.MessageId
                ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated."), message.Message))
            .DistinctBy(message => message.Id)
            .ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var group in InTransactionGroups(batch))
        {
            await HandleOnceAsync(connection, group, cancellationToken);
        }
    }

    // Consecutive groups, so the order messages arrived in is the order they are handled in.
    private IEnumerable<List<(Guid Id, TMessage Message)>> InTransactionGroups(List<(Guid Id, TMessage Message)> batch)
    {
        var group = new List<(Guid Id, TMessage Message)>();
        long weight = 0;
        foreach (var message in batch)
        {
            var messageWeight = Weight(message.Message);
            if (group.Count > 0 && weight + messageWeight > MaxWeightPerTransaction)
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

    private async Task HandleOnceAsync(NpgsqlConnection connection, List<(Guid Id, TMessage Message)> group, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A concurrent duplicate blocks on the primary key until the first delivery commits, then inserts nothing.
        var fresh = (await connection.QueryAsync<Guid>(new CommandDefinition(RecordSql,
            new { MessageIds = group.Select(message => message.Id).ToArray(), Consumer = GetType().Name }, transaction, cancellationToken: cancellationToken)))
            .ToHashSet();
        if (fresh.Count == 0)
        {
            return;
        }

        // Handled in the order they arrived, so one customer's events keep their order within the batch.
        await HandleAsync([.. group.Where(message => fresh.Contains(message.Id)).Select(message => message.Message)], transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the messages' effects inside <paramref name="transaction"/> (which may also enqueue outbox events).</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TMessage> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
