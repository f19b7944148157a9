using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Past sales in time order with their member's tier and segments (as they are now: the what-if asks what the
/// promotion would give today's members), streamed rather than loaded whole.
/// </summary>
public sealed class PastPurchases(NpgsqlDataSource dataSource)
{
    private const string PurchasesSql = """
        select t.transaction_id as TransactionId, t.customer_id as CustomerId, t.occurred_at as OccurredAt, t.channel,
               t.net_amount as NetAmount, t.lines::text as Lines, a.tier,
               array(select segment_name from customer_segments s where s.customer_id = t.customer_id) as Segments
        from earned_transactions t left join points_accounts a using (customer_id)
        where t.occurred_at >= @From and t.occurred_at < @To and t.net_amount > t.returned_net
        order by t.occurred_at, t.transaction_id
        """;

    public async IAsyncEnumerable<(EarningCustomer Customer, EarningTransaction Transaction)> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<Row>(PurchasesSql, new { From = from, To = to });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return (
                new EarningCustomer(row.CustomerId, row.Tier, row.Segments.ToHashSet(StringComparer.OrdinalIgnoreCase)),
                new EarningTransaction(row.TransactionId, row.OccurredAt, row.Channel, row.NetAmount, EarnedTransactionStore.ReadLines(row.Lines)));
        }
    }

    // Properties, not a constructor: Dapper hands text[] columns over as System.Array, which it will not pass to a
    // string[] constructor parameter.
    private sealed class Row
    {
        public Guid TransactionId { get; init; }

        public Guid CustomerId { get; init; }

        public DateTimeOffset OccurredAt { get; init; }

        public string Channel { get; init; } = "";

        public decimal NetAmount { get; init; }

        public string Lines { get; init; } = "[]";

        public string? Tier { get; init; }

        public string[] Segments { get; init; } = [];
    }
}
