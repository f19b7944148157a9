using Dapper;
using MassTransit;
using Npgsql;

namespace Crm.Messaging.Inbox;

/// <summary>
/// Base for consumers whose effects must happen once per event. The message id is recorded in the inbox in the
/// same transaction as the effects: a redelivery finds it and is acknowledged without doing anything, and a
/// failure rolls back both, so the retry starts clean.
/// </summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    // The gate is passed (or, by an erasure, closed) in the same statement as the inbox record, before any effect.
    private const string RecordSql = $"""
        insert into inbox (message_id, consumer) select @MessageId, @Consumer from ({ErasureGate.PassSql}) as gate
        on conflict do nothing
        """;

    private const string RecordErasureSql = $"""
        insert into inbox (message_id, consumer) select @MessageId, @Consumer from ({ErasureGate.CloseSql}) as gate
        on conflict do nothing
        """;

    /// <summary>
    /// True for the consumer that forgets an erased customer: it closes the <see cref="ErasureGate"/> instead of
    /// passing it, so it waits for the other consumers' transactions in flight and they wait for it.
    /// </summary>
    protected virtual bool Erases => false;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.");
        var cancellationToken = context.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A concurrent duplicate blocks on the primary key until the first delivery commits, then inserts nothing.
        var recorded = await connection.ExecuteAsync(new CommandDefinition(
            Erases ? RecordErasureSql : RecordSql, new { MessageId = messageId, Consumer = GetType().Name }, transaction, cancellationToken: cancellationToken));
        if (recorded == 0)
        {
            return;
        }

        await HandleAsync(context.Message, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the message's effects inside <paramref name="transaction"/> (which may also enqueue outbox events).</summary>
    protected abstract Task HandleAsync(TMessage message, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
