using Crm.Data;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Erasure: the customer's unspent points are forfeited (an entry says so, keeping ledger and batches equal) and the
/// money-like history moves to an anonymous id no one can link back, so issued, redeemed and liability totals stay
/// right; everything else about them is deleted.
/// </summary>
public sealed class MemberErasure(TimeProvider clock)
{
    // Open reservations are cancelled first: their points go back to their batches (to be forfeited with the rest)
    // and their items back to stock.
    private const string ForgetSql = """
        insert into ledger_entries (customer_id, kind, points, source, reason, occurred_at, recorded_at)
        select customer_id, 'reverse', points, 'redemption:' || id, 'cancelled on erasure', @Now, @Now
        from redemptions where customer_id = @CustomerId and status = 'reserved';
        update earning_batches b set remaining = b.remaining + d.points
        from (select d.batch_id, sum(d.points) as points from redemption_debits d join redemptions r on r.id = d.redemption_id
              where r.customer_id = @CustomerId and r.status = 'reserved' group by d.batch_id) d
        where b.id = d.batch_id;
        update rewards w set stock = w.stock + r.held
        from (select reward_id, count(*)::integer as held from redemptions
              where customer_id = @CustomerId and status = 'reserved' group by reward_id) r
        where w.id = r.reward_id and w.stock is not null;
        update redemptions set status = 'cancelled', settled_at = @Now where customer_id = @CustomerId and status = 'reserved';
        insert into ledger_entries (customer_id, kind, points, source, reason, occurred_at, recorded_at)
        select customer_id, 'adjust', -sum(remaining), 'erasure', 'forfeited on erasure', @Now, @Now
        from earning_batches where customer_id = @CustomerId and remaining > 0 group by customer_id;
        update earning_batches set remaining = 0 where customer_id = @CustomerId and remaining > 0;
        update ledger_entries set customer_id = @Anonymous where customer_id = @CustomerId;
        update earning_batches set customer_id = @Anonymous where customer_id = @CustomerId;
        update earned_transactions set customer_id = @Anonymous where customer_id = @CustomerId;
        update transaction_corrections set customer_id = @Anonymous where customer_id = @CustomerId;
        update redemptions set customer_id = @Anonymous where customer_id = @CustomerId;
        update partner_transactions set customer_id = @Anonymous where customer_id = @CustomerId;
        delete from customer_segments where customer_id = @CustomerId;
        delete from awarded_events where customer_id = @CustomerId;
        delete from points_accounts where customer_id = @CustomerId;
        insert into erased_members (customer_id, erased_at) values (@CustomerId, @Now) on conflict do nothing;
        """;

    public Task ForgetAsync(NpgsqlTransaction transaction, Guid customerId, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            ForgetSql, new { CustomerId = customerId, Anonymous = Guid.CreateVersion7(), Now = now }, transaction, cancellationToken: cancellationToken));
    }
}
