using Crm.Contracts.Customers;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>Cancels a transaction entered in error; reversing twice is the same as reversing once.</summary>
public sealed class TransactionReversals(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    private const string SelectSql = """
        select t.external_id, t.reversed_at,
            exists (select 1 from transactions r where r.original_id = t.id and r.reversed_at is null) as has_returns
        from transactions t where t.id = @Id and t.customer_id = @CustomerId
        for update of t
        """;

    private const string ReverseSql = "update transactions set reversed_at = @Now, reversal_reason = @Reason where id = @Id";

    public enum Outcome { Reversed, AlreadyReversed, NotFound, HasReturns }

    public async Task<Outcome> ReverseAsync(Guid customerId, Guid id, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var target = await connection.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(
            SelectSql, new { Id = id, CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        if (target is null)
        {
            return Outcome.NotFound;
        }

        if (target.ReversedAt is not null)
        {
            return Outcome.AlreadyReversed;
        }

        if (target.HasReturns)
        {
            return Outcome.HasReturns;
        }

        await connection.ExecuteAsync(new CommandDefinition(ReverseSql, new { Id = id, Now = now, Reason = reason }, transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(
            transaction, new TransactionReversed(Guid.CreateVersion7(now), now, customerId, id, target.ExternalId, reason), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Reversed;
    }

    private sealed class Target
    {
        public string ExternalId { get; init; } = "";
        public DateTimeOffset? ReversedAt { get; init; }
        public bool HasReturns { get; init; }
    }
}
