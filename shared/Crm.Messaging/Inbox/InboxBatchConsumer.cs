using Dapper;
using MassTransit;
using Npgsql;

namespace Crm.Messaging.Inbox;

/// <summary>
/// Base for consumers of many small events (one customer's sale at a time, thousands a second) whose effects are
/// cheaper applied together: MassTransit collects a batch, every message id is recorded in the inbox in one statement,
/// and the messages not seen before are handled in one transaction with it. A redelivered message is skipped; a
/// failure rolls the whole batch back and it is retried as one.
/// </summary>
public abstract class InboxBatchConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    private const string RecordSql = """
        insert into inbox (message_id, consumer) select unnest(@MessageIds), @Consumer
        on conflict do nothing
        returning message_id
        """;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var cancellationToken = context.CancellationToken;
        var batch = context.Message.Select(message => (Id: message.MessageId
                ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated."), message.Message))
            .DistinctBy(message => message.Id)
            .ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A concurrent duplicate blocks on the primary key until the first delivery commits, then inserts nothing.
        var fresh = (await connection.QueryAsync<Guid>(new CommandDefinition(RecordSql,
            new { MessageIds = batch.Select(message => message.Id).ToArray(), Consumer = GetType().Name }, transaction, cancellationToken: cancellationToken)))
            .ToHashSet();
        if (fresh.Count == 0)
        {
            return;
        }

        // Handled in the order they arrived, so one customer's events keep their order within the batch.
        await HandleAsync([.. batch.Where(message => fresh.Contains(message.Id)).Select(message => message.Message)], transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the messages' effects inside <paramref name="transaction"/> (which may also enqueue outbox events).</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TMessage> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
