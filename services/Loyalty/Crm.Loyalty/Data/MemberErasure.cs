using Crm.Data;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Erasure: the customer's unspent points are forfeited (an entry says so, keeping ledger and batches equal) and the
/// money-like history moves to an anonymous id no one can link back (transfers stop naming them, and their own stop
/// naming the other member), so issued, redeemed and liability totals stay right; everything else about them is deleted.
/// </summary>
public sealed class MemberErasure(TimeProvider clock)
{
    // A transfer names the other member in both ledgers ("to {id}: ...", "from {id}: ..."). The other side's entries of
    // the erased member's transfers (same source; found by index through the ids in the erased member's own entries)
    // then say "an erased member", and the erased member's own say "another member": no ledger keeps the erased id, and
    // the anonymous history names no one it could be traced through.
    private const string UnlinkTransfersSql = """
        update ledger_entries o set reason = regexp_replace(o.reason, '^(to|from) [0-9a-f-]{36}: ', '\1 an erased member: ')
        from (select distinct source, substring(reason from '^(?:to|from) ([0-9a-f-]{36}): ')::uuid as counterpart
              from ledger_entries where customer_id = @CustomerId and kind = 'transfer') mine
        where o.customer_id = mine.counterpart and o.source = mine.source and o.kind = 'transfer'
          and substring(o.reason from '^(?:to|from) ([0-9a-f-]{36}): ') = @CustomerId::text;
        update ledger_entries set reason = regexp_replace(reason, '^(to|from) [0-9a-f-]{36}: ', '\1 another member: ')
        where customer_id = @CustomerId and kind = 'transfer';
        """;

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

    public async Task ForgetAsync(NpgsqlTransaction transaction, Guid customerId, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(UnlinkTransfersSql, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            ForgetSql, new { CustomerId = customerId, Anonymous = Guid.CreateVersion7(), Now = clock.GetStoredUtcNow() }, transaction, cancellationToken: cancellationToken));
    }
}
