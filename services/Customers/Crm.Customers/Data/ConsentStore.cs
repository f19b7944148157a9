using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>
/// Consent as an audit trail: every change is kept, and the latest change per channel and purpose is the current
/// state. A change reported late (older than the current state) is kept in the trail but does not override it.
/// </summary>
public sealed class ConsentStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    private const string InsertChangeSql = """
        insert into consent_changes (customer_id, channel, purpose, granted, basis, source, changed_at, recorded_at)
        values (@CustomerId, @Channel, @Purpose, @Granted, @Basis, @Source, @ChangedAt, @RecordedAt)
        """;

    private const string UpsertCurrentSql = """
        insert into consents (customer_id, channel, purpose, granted, basis, source, changed_at)
        values (@CustomerId, @Channel, @Purpose, @Granted, @Basis, @Source, @ChangedAt)
        on conflict (customer_id, channel, purpose) do update
            set granted = excluded.granted, basis = excluded.basis, source = excluded.source, changed_at = excluded.changed_at
            where consents.changed_at <= excluded.changed_at
        """;

    private const string SelectCurrentSql = """
        select channel, purpose, granted, basis, source, changed_at from consents
        where customer_id = @CustomerId order by channel, purpose
        """;

    private const string SelectOneSql = """
        select channel, purpose, granted, basis, source, changed_at from consents
        where customer_id = @CustomerId and channel = @Channel and purpose = @Purpose
        """;

    private const string SelectHistorySql = """
        select channel, purpose, granted, basis, source, changed_at, recorded_at from consent_changes
        where customer_id = @CustomerId order by id
        """;

    /// <summary>Records a change for a customer who exists and is not erased; returns the state now current.</summary>
    public async Task<Consent> RecordAsync(Guid customerId, string channel, string purpose, ConsentChange change, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var row = new
        {
            CustomerId = customerId,
            Channel = channel,
            Purpose = purpose,
            Granted = change.Granted!.Value,
            change.Basis,
            change.Source,
            ChangedAt = change.ChangedAt?.ToUniversalTime() ?? now,
            RecordedAt = now,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertChangeSql, row, transaction, cancellationToken: cancellationToken));
        var becameCurrent = await connection.ExecuteAsync(new CommandDefinition(UpsertCurrentSql, row, transaction, cancellationToken: cancellationToken)) == 1;
        if (becameCurrent)
        {
            await outbox.EnqueueAsync(
                transaction,
                new ConsentChanged(Guid.CreateVersion7(now), now, customerId, channel, purpose, row.Granted, row.Basis!, row.Source!, row.ChangedAt),
                cancellationToken);
        }

        var current = await connection.QuerySingleAsync<Consent>(new CommandDefinition(SelectOneSql, row, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return current;
    }

    public async Task<ConsentRecord> GetAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await connection.QueryAsync<Consent>(new CommandDefinition(SelectCurrentSql, new { CustomerId = customerId }, cancellationToken: cancellationToken));
        var history = await connection.QueryAsync<ConsentHistoryEntry>(new CommandDefinition(SelectHistorySql, new { CustomerId = customerId }, cancellationToken: cancellationToken));
        return new ConsentRecord([.. current], [.. history]);
    }

    public async Task<Consent?> FindAsync(Guid customerId, string channel, string purpose, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Consent>(new CommandDefinition(
            SelectOneSql, new { CustomerId = customerId, Channel = channel, Purpose = purpose }, cancellationToken: cancellationToken));
    }
}
