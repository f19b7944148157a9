using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Crm.Customers.Data;

/// <summary>Records interactions one at a time, idempotent on the business's interaction id.</summary>
public sealed class InteractionStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider clock)
{
    /// <summary>The columns an <see cref="Interaction"/> is read from (the import compares stored rows with them too).</summary>
    internal const string Columns = """
        id, external_id as interaction_id, customer_id, occurred_at, channel, type, cost_to_serve, currency, recorded_at
        """;

    private const string InsertSql = """
        insert into interactions (id, external_id, customer_id, occurred_at, channel, type, cost_to_serve, currency, recorded_at)
        values (@Id, @InteractionId, @CustomerId, @OccurredAt, @Channel, @Type, @CostToServe, @Currency, @RecordedAt)
        on conflict (external_id) do nothing
        """;

    private const string SelectByExternalIdSql = $"select {Columns} from interactions where external_id = @InteractionId";

    private const string SelectPageSql = $"""
        select {Columns} from interactions
        where customer_id = @CustomerId and (@After::uuid is null or id < @After)
        order by id desc limit @Take
        """;

    public async Task<(PostingOutcome Outcome, Interaction? Interaction)> PostAsync(Guid customerId, PostInteraction posted, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        switch (await CustomerLock.AcquireAsync(connection, transaction, customerId, cancellationToken))
        {
            case CustomerState.Missing:
                return (PostingOutcome.CustomerNotFound, null);
            case CustomerState.Erased:
                return (PostingOutcome.CustomerErased, null);
        }

        var row = new
        {
            Id = Guid.CreateVersion7(now),
            posted.InteractionId,
            CustomerId = customerId,
            OccurredAt = posted.OccurredAt.ToUniversalTime(),
            posted.Channel,
            posted.Type,
            posted.CostToServe,
            posted.Currency,
            RecordedAt = now,
        };
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, transaction, cancellationToken: cancellationToken));
        var stored = await connection.QuerySingleAsync<Interaction>(new CommandDefinition(SelectByExternalIdSql, row, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return (stored.Matches(customerId, posted) ? PostingOutcome.Replayed : PostingOutcome.IdTaken, stored);
        }

        var recorded = new RecordedInteraction(
            stored.Id, stored.InteractionId, customerId, stored.OccurredAt, stored.Channel, stored.Type, stored.CostToServe, stored.Currency);
        await outbox.EnqueueAsync(transaction, new InteractionsRecorded(Guid.CreateVersion7(now), now, null, [recorded]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (PostingOutcome.Created, stored);
    }

    public async Task<Page<Interaction>> ListAsync(Guid customerId, int limit, Guid? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Interaction>(new CommandDefinition(
            SelectPageSql, new { CustomerId = customerId, After = after, Take = limit + 1 }, cancellationToken: cancellationToken));
        return Page.Of(rows.AsList(), limit, interaction => interaction.Id);
    }
}
