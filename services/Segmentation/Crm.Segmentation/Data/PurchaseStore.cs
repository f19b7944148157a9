using Crm.Contracts.Customers;
using Crm.Segmentation.Model.Rfm;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Follows each customer's buying as transactions arrive: distinct purchase days, first and last purchase, net
/// revenue (returns subtract), and their RFM scores against the population's current quintiles.
/// </summary>
public sealed class PurchaseStore(BreakpointStore breakpoints, TimeProvider clock)
{
    private const string InsertDaysSql = """
        insert into purchase_days (customer_id, day)
        select distinct * from unnest(@CustomerIds, @Days)
        on conflict do nothing
        """;

    private const string AddRevenueSql = """
        insert into customer_facts (customer_id, revenue, updated_at)
        select customer_id, sum(amount), now() from unnest(@CustomerIds, @Amounts) as t(customer_id, amount) group by customer_id
        on conflict (customer_id) do update set revenue = customer_facts.revenue + excluded.revenue, updated_at = excluded.updated_at
        """;

    private const string RefreshDaysSql = """
        update customer_facts f set purchase_days = d.days, first_purchase = d.first_day, last_purchase = d.last_day
        from (select customer_id, count(*)::integer as days, min(day) as first_day, max(day) as last_day
              from purchase_days where customer_id = any(@CustomerIds) group by customer_id) d
        where f.customer_id = d.customer_id
        returning f.customer_id as CustomerId, f.last_purchase as LastPurchase, f.purchase_days as PurchaseDays, f.revenue
        """;

    private const string ScoreSql = """
        update customer_facts f set rfm_recency = s.recency, rfm_frequency = s.frequency, rfm_monetary = s.monetary, rfm_segment = s.segment
        from unnest(@CustomerIds, @Recency, @Frequency, @Monetary, @Segments) as s(customer_id, recency, frequency, monetary, segment)
        where f.customer_id = s.customer_id
        """;

    public async Task RecordAsync(NpgsqlTransaction transaction, IReadOnlyList<RecordedTransaction> transactions, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var sales = transactions.Where(t => t.Kind == TransactionKinds.Sale).ToList();
        await connection.ExecuteAsync(new CommandDefinition(InsertDaysSql, new
        {
            CustomerIds = sales.Select(t => t.CustomerId).ToArray(),
            Days = sales.Select(t => DateOnly.FromDateTime(t.OccurredAt.UtcDateTime)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(AddRevenueSql, new
        {
            CustomerIds = transactions.Select(t => t.CustomerId).ToArray(),
            Amounts = transactions.Select(t => t.Kind == TransactionKinds.Return ? -t.NetAmount : t.NetAmount).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        var buyers = (await connection.QueryAsync<BuyerRow>(new CommandDefinition(RefreshDaysSql, new
        {
            CustomerIds = transactions.Select(t => t.CustomerId).Distinct().ToArray(),
        }, transaction, cancellationToken: cancellationToken))).AsList();

        if (await breakpoints.RfmAsync(connection, transaction, cancellationToken) is not { } population || buyers.Count == 0)
        {
            // No population quintiles yet: the first full recompute scores everyone.
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var scores = buyers.Select(buyer => population.Score(buyer.ToInput(today))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(ScoreSql, new
        {
            CustomerIds = buyers.Select(b => b.CustomerId).ToArray(),
            Recency = scores.Select(s => (short)s.Recency).ToArray(),
            Frequency = scores.Select(s => (short)s.Frequency).ToArray(),
            Monetary = scores.Select(s => (short)s.Monetary).ToArray(),
            Segments = scores.Select(s => s.Segment).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    private sealed class BuyerRow
    {
        public Guid CustomerId { get; set; }

        public DateTime? LastPurchase { get; set; }

        public int PurchaseDays { get; set; }

        public decimal Revenue { get; set; }

        public RfmInput ToInput(DateOnly today) => new(
            LastPurchase is { } last ? today.DayNumber - DateOnly.FromDateTime(last).DayNumber : int.MaxValue,
            PurchaseDays,
            Revenue);
    }
}
