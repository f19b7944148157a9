using Crm.Contracts.Loyalty;
using Crm.Data;
using Crm.Loyalty.Model.Expiry;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Redemptions: a reservation holds the reward's cost (from available points, soonest-expiring first) and one of its
/// stock; a confirmation spends them for good and announces it; a cancellation gives both back, the points to the very
/// batches they came from. Each step locks the member's account first, as every points movement does, so one member's
/// requests run one at a time and a repeated key finds what the first request did.
/// </summary>
public sealed class Redemptions(NpgsqlDataSource dataSource, LedgerWriter ledger, Crm.Messaging.Outbox.Outbox outbox, TimeProvider clock)
{
    private const string Columns = """
        r.id, r.customer_id as CustomerId, r.reward_id as RewardId, w.name as RewardName, r.points, r.status,
        r.reserved_at as ReservedAt, r.settled_at as SettledAt
        """;

    private const string LockAccountSql = "select true as Found, tier from points_accounts where customer_id = @CustomerId for update";

    private const string ByKeySql = $"""
        select {Columns} from redemptions r join rewards w on w.id = r.reward_id where r.customer_id = @CustomerId and r.client_key = @Key
        """;

    private const string ByIdSql = $"""
        select {Columns} from redemptions r join rewards w on w.id = r.reward_id where r.customer_id = @CustomerId and r.id = @Id
        """;

    private const string LockByIdSql = $"{ByIdSql} for update of r";

    private const string PageSql = $"""
        select {Columns} from redemptions r join rewards w on w.id = r.reward_id
        where r.customer_id = @CustomerId and (@After::uuid is null or r.id < @After)
        order by r.id desc
        limit @Limit
        """;

    // Whether the member may see the reward, and how many of it they hold or have had (cancelled ones do not count).
    private const string RewardForMemberSql = """
        select w.name, w.cost_points as CostPoints, w.stock is not null as Stocked, w.active, w.per_customer_limit as PerCustomerLimit,
               coalesce((w.visible_to_tiers is null or @Tier = any(w.visible_to_tiers))
                        and (w.visible_to_segments is null
                             or exists (select 1 from customer_segments s where s.customer_id = @CustomerId and s.segment_name = any(w.visible_to_segments))),
                        false) as Visible,
               (select count(*)::integer from redemptions h where h.customer_id = @CustomerId and h.reward_id = w.id and h.status <> 'cancelled') as Held
        from rewards w where w.id = @RewardId
        """;

    // The stock check and the decrement are one statement, so two members cannot both take the last one.
    private const string TakeStockSql = "update rewards set stock = stock - 1 where id = @RewardId and stock > 0";

    private const string ReturnStockSql = "update rewards set stock = stock + 1 where id = @RewardId and stock is not null";

    private const string InsertSql = """
        insert into redemptions (id, customer_id, reward_id, points, status, client_key, reserved_at)
        values (@Id, @CustomerId, @RewardId, @Points, 'reserved', @Key, @Now)
        """;

    private const string InsertDebitsSql = """
        insert into redemption_debits (redemption_id, batch_id, points) select @Id, * from unnest(@BatchIds, @Points)
        """;

    private const string DebitsSql = "select batch_id as BatchId, points from redemption_debits where redemption_id = @Id order by batch_id";

    private const string SettleSql = "update redemptions set status = @Status, settled_at = @Now where id = @Id";

    public async Task<RedemptionOutcome> ReserveAsync(Guid customerId, Guid rewardId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var account = await connection.QuerySingleOrDefaultAsync<(bool Found, string? Tier)>(new CommandDefinition(
            LockAccountSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        if (!account.Found)
        {
            return RedemptionOutcome.Of(RedemptionResult.NoAccount);
        }

        if (await ReadAsync(transaction, ByKeySql, new { CustomerId = customerId, Key = key }, cancellationToken) is { } earlier)
        {
            return new RedemptionOutcome(earlier.RewardId == rewardId ? RedemptionResult.Repeated : RedemptionResult.KeyReused, earlier);
        }

        var reward = await connection.QuerySingleOrDefaultAsync<RewardForMember>(new CommandDefinition(
            RewardForMemberSql, new { CustomerId = customerId, RewardId = rewardId, account.Tier }, transaction, cancellationToken: cancellationToken));
        if (reward is not { Visible: true })
        {
            return RedemptionOutcome.Of(RedemptionResult.NotAvailable);
        }

        if (!reward.Active)
        {
            return RedemptionOutcome.Of(RedemptionResult.Withdrawn);
        }

        if (reward.PerCustomerLimit is { } limit && reward.Held >= limit)
        {
            return new RedemptionOutcome(RedemptionResult.LimitReached, Limit: limit);
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetStoredUtcNow();
        var debit = await ledger.DebitAsync(transaction, new Debit(
            customerId, LedgerKinds.Redeem, Source(id), reward.CostPoints, $"reward {reward.Name}", now, AvailableOnly: true), cancellationToken);
        if (debit.Shortfall > 0)
        {
            return new RedemptionOutcome(RedemptionResult.Insufficient, Cost: reward.CostPoints, Available: debit.Taken);
        }

        // Last before commit: a popular reward's row stays locked by this reservation for as short a time as possible.
        if (reward.Stocked && await connection.ExecuteAsync(new CommandDefinition(
                TakeStockSql, new { RewardId = rewardId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return RedemptionOutcome.Of(RedemptionResult.OutOfStock);
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            CustomerId = customerId,
            RewardId = rewardId,
            Points = reward.CostPoints,
            Key = key,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertDebitsSql, new
        {
            Id = id,
            BatchIds = debit.Batches.Select(batch => batch.BatchId).ToArray(),
            Points = debit.Batches.Select(batch => batch.Points).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new RedemptionOutcome(RedemptionResult.Done,
            new Redemption(id, customerId, rewardId, reward.Name, reward.CostPoints, RedemptionStatus.Reserved, now, null));
    }

    /// <summary>Spends a reservation for good and publishes <see cref="PointsRedeemed"/> with it.</summary>
    public Task<RedemptionOutcome> ConfirmAsync(Guid customerId, Guid id, CancellationToken cancellationToken) =>
        SettleAsync(customerId, id, RedemptionStatus.Confirmed, async (transaction, redemption, now) =>
            await outbox.EnqueueAsync(transaction, new PointsRedeemed(
                Guid.CreateVersion7(), now, customerId, redemption.Id, redemption.RewardId, redemption.RewardName, redemption.Points), cancellationToken),
            cancellationToken);

    /// <summary>Gives a reservation's points back to the batches they came from, and its reward back to stock.</summary>
    public Task<RedemptionOutcome> CancelAsync(Guid customerId, Guid id, CancellationToken cancellationToken) =>
        SettleAsync(customerId, id, RedemptionStatus.Cancelled, async (transaction, redemption, _) =>
        {
            var connection = transaction.Connection!;
            var debits = (await connection.QueryAsync<BatchDebit>(new CommandDefinition(
                DebitsSql, new { redemption.Id }, transaction, cancellationToken: cancellationToken))).ToList();
            await ledger.RestoreAsync(transaction, customerId, debits, Source(redemption.Id), $"cancelled: reward {redemption.RewardName}", cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                ReturnStockSql, new { redemption.RewardId }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    public async Task<Redemption?> FindAsync(Guid customerId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<RedemptionRow>(new CommandDefinition(
            ByIdSql, new { CustomerId = customerId, Id = id }, cancellationToken: cancellationToken)))?.ToRedemption();
    }

    /// <summary>A member's redemptions, newest first, older than <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<Redemption>> PageAsync(Guid customerId, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await connection.QueryAsync<RedemptionRow>(new CommandDefinition(
            PageSql, new { CustomerId = customerId, After = after, Limit = limit }, cancellationToken: cancellationToken))).Select(row => row.ToRedemption())];
    }

    // The ledger source of everything a redemption moves: the KPIs net cancelled reservations out by it.
    private static string Source(Guid redemptionId) => $"redemption:{redemptionId}";

    private async Task<RedemptionOutcome> SettleAsync(
        Guid customerId, Guid id, RedemptionStatus settled, Func<NpgsqlTransaction, Redemption, DateTimeOffset, Task> effects, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(LockAccountSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        if (await ReadAsync(transaction, LockByIdSql, new { CustomerId = customerId, Id = id }, cancellationToken) is not { } redemption)
        {
            return RedemptionOutcome.Of(RedemptionResult.NotFound);
        }

        if (redemption.Status == settled)
        {
            return new RedemptionOutcome(RedemptionResult.Repeated, redemption);
        }

        if (redemption.Status != RedemptionStatus.Reserved)
        {
            return new RedemptionOutcome(RedemptionResult.AlreadySettled, redemption);
        }

        var now = clock.GetStoredUtcNow();
        await effects(transaction, redemption, now);
        await connection.ExecuteAsync(new CommandDefinition(
            SettleSql, new { Id = id, Status = StatusText(settled), Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new RedemptionOutcome(RedemptionResult.Done, redemption with { Status = settled, SettledAt = now });
    }

    private static async Task<Redemption?> ReadAsync(NpgsqlTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QuerySingleOrDefaultAsync<RedemptionRow>(new CommandDefinition(
            sql, parameters, transaction, cancellationToken: cancellationToken)))?.ToRedemption();

    private static string StatusText(RedemptionStatus status) => status.ToString().ToLowerInvariant();

    private sealed record RewardForMember(string Name, long CostPoints, bool Stocked, bool Active, int? PerCustomerLimit, bool Visible, int Held);

    private sealed record RedemptionRow(
        Guid Id, Guid CustomerId, Guid RewardId, string RewardName, long Points, string Status, DateTimeOffset ReservedAt, DateTimeOffset? SettledAt)
    {
        public Redemption ToRedemption() => new(
            Id, CustomerId, RewardId, RewardName, Points, Enum.Parse<RedemptionStatus>(Status, ignoreCase: true), ReservedAt, SettledAt);
    }
}
