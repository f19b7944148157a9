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

    // The same change sent again (same moment, same answer, basis and source) is a retry: recorded once.
    private const string RecordedAlreadySql = """
        select exists (select from consent_changes
                       where customer_id = @CustomerId and channel = @Channel and purpose = @Purpose and granted = @Granted
                         and basis = @Basis and source = @Source and changed_at = @ChangedAt)
        """;

    /// <summary>
    /// Records a change for a customer who exists and is not erased; returns the state now current, or null with
    /// <paramref name="customer"/> saying why nothing was recorded.
    /// </summary>
    public async Task<(CustomerState Customer, Consent? Current)> RecordAsync(
        Guid customerId, string channel, string purpose, ConsentChange change, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var row = new ConsentRow(customerId, channel, purpose, change.Granted!.Value, change.Basis, change.Source, change.ChangedAt?.ToUniversalTime() ?? now, now);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Checked under the customer's row lock: an erasure running now either finishes first (and the change is
        // refused) or waits for this change and deletes it with the rest.
        var state = await CustomerLock.AcquireAsync(connection, transaction, customerId, cancellationToken);
        if (state != CustomerState.Active)
        {
            return (state, null);
        }

        var retry = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(RecordedAlreadySql, row, transaction, cancellationToken: cancellationToken));
        if (!retry)
        {
            await RecordChangeAsync(connection, transaction, row, now, cancellationToken);
        }

        var current = await connection.QuerySingleAsync<Consent>(new CommandDefinition(SelectOneSql, row, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (state, current);
    }

    private async Task RecordChangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ConsentRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(InsertChangeSql, row, transaction, cancellationToken: cancellationToken));
        var becameCurrent = await connection.ExecuteAsync(new CommandDefinition(UpsertCurrentSql, row, transaction, cancellationToken: cancellationToken)) == 1;
        if (becameCurrent)
        {
            await outbox.EnqueueAsync(
                transaction,
                new ConsentChanged(Guid.CreateVersion7(now), now, row.CustomerId, row.Channel, row.Purpose, row.Granted, row.Basis!, row.Source!, row.ChangedAt),
                cancellationToken);
        }
    }

    private sealed record ConsentRow(
        Guid CustomerId, string Channel, string Purpose, bool Granted, string? Basis, string? Source, DateTimeOffset ChangedAt, DateTimeOffset RecordedAt);

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
