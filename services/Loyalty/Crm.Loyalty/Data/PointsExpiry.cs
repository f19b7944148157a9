using Crm.Contracts;
using Crm.Contracts.Loyalty;
using Crm.Messaging.Inbox;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Expires what earning batches have left once their date passes (an entry per member, so ledger and batches stay
/// equal) and gives notice of points expiring soon, once per batch. Works a page of batches per transaction, so a
/// day on which millions expire never holds one long transaction.
/// </summary>
public sealed class PointsExpiry(NpgsqlDataSource dataSource, Crm.Messaging.Outbox.Outbox outbox, IOptions<LoyaltyOptions> options)
{
    private const int PageSize = 10_000;

    // What expired is kept on the batch (returns take back no expired points); a batch can expire more than once, when
    // a reservation cancelled after its date gives points back to it.
    private const string ExpireSql = """
        with due as (
            select id, customer_id, remaining from earning_batches
            where expires_at <= @Now and remaining > 0 order by id limit @PageSize for update skip locked),
        gone as (
            update earning_batches b set remaining = 0, expired = b.expired + due.remaining from due where b.id = due.id returning due.customer_id, due.remaining),
        members as (
            select customer_id, sum(remaining)::bigint as points from gone group by customer_id),
        entries as (
            insert into ledger_entries (customer_id, kind, points, source, reason, occurred_at, recorded_at)
            select customer_id, 'expire', -points, 'expiry', 'points expired unspent', @Now, @Now from members)
        select customer_id as CustomerId, points from members
        """;

    private const string NoticeSql = """
        with due as (
            select id, customer_id, remaining, expires_at from earning_batches
            where expires_at > @Now and expires_at <= @NoticeUntil and remaining > 0 and not noticed
            order by id limit @PageSize for update skip locked),
        noticed as (
            update earning_batches b set noticed = true from due where b.id = due.id returning due.customer_id, due.remaining, due.expires_at)
        select customer_id as CustomerId, sum(remaining)::bigint as Points, min(expires_at) as ExpiresAt from noticed group by customer_id
        """;

    public async Task<(int Members, long Points)> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (members, points) = (0, 0L);
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ErasureGate.PassAsync(transaction, cancellationToken);
            var expired = (await connection.QueryAsync<(Guid CustomerId, long Points)>(new CommandDefinition(
                ExpireSql, new { Now = now, PageSize }, transaction, cancellationToken: cancellationToken))).ToList();
            if (expired.Count == 0)
            {
                return (members, points);
            }

            await outbox.EnqueueAsync(transaction, [.. expired.Select(e => (IIntegrationEvent)new PointsExpired(Guid.CreateVersion7(), now, e.CustomerId, e.Points))], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            members += expired.Count;
            points += expired.Sum(e => e.Points);
        }
    }

    public async Task<int> GiveNoticeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var notices = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ErasureGate.PassAsync(transaction, cancellationToken);
            var due = (await connection.QueryAsync<(Guid CustomerId, long Points, DateTimeOffset ExpiresAt)>(new CommandDefinition(
                NoticeSql, new { Now = now, NoticeUntil = now + options.Value.ExpiryNotice, PageSize }, transaction, cancellationToken: cancellationToken))).ToList();
            if (due.Count == 0)
            {
                return notices;
            }

            await outbox.EnqueueAsync(transaction, [.. due.Select(d => (IIntegrationEvent)new PointsExpiring(Guid.CreateVersion7(), now, d.CustomerId, d.Points, d.ExpiresAt))], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            notices += due.Count;
        }
    }
}
