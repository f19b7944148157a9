using Crm.Contracts.Customers;
using Crm.Loyalty.Model.Earning;

namespace Crm.Benchmarks.Loyalty;

/// <summary>
/// The earn rules the benchmark runs (base rate, triple points on toys, a monthly spend threshold, every fifth purchase
/// a month with a monthly cap) and a year's worth of generated sales for them; plus the independent recomputation the
/// ledger is checked against: the rules applied to each member's sales in time order, in this process, from nothing.
/// </summary>
public static class EarningWorkload
{
    private static readonly string[] Categories = ["books", "toys", "garden"];

    public static IReadOnlyList<object> Rules(DateTimeOffset from) =>
    [
        new { name = "base: 1 point per euro", kind = "base", priority = 10, effectiveFrom = from, pointsPerUnit = 1m },
        new { name = "triple points on toys", kind = "multiplier", priority = 20, effectiveFrom = from, factor = 3m, target = new { categories = new[] { "toys" } } },
        new { name = "100 for every 300 spent in a month", kind = "threshold", priority = 30, effectiveFrom = from, spendThreshold = 300m, period = "month", repeat = true, bonusPoints = 100 },
        new { name = "50 for every 5th purchase in a month, at most 100", kind = "frequency", priority = 40, effectiveFrom = from, nth = 5, period = "month", repeat = true, bonusPoints = 50,
            cap = new { maxPoints = 100, period = "month" } },
    ];

    /// <summary>Sales spread over the last <paramref name="days"/> days, one or two categories each.</summary>
    public static RecordedTransaction[] Sales(int count, Guid[] customers, int days, int seed)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var sales = new RecordedTransaction[count];
        for (var i = 0; i < count; i++)
        {
            var lines = random.Next(2) + 1;
            var spend = Enumerable.Range(0, lines).Select(_ =>
            {
                var net = Math.Round((decimal)(5 + random.NextDouble() * 120), 2);
                return new CategorySpend(Categories[random.Next(Categories.Length)], 1, net, net, Math.Round(net * 0.6m, 2));
            }).ToArray();
            var total = spend.Sum(s => s.NetAmount);
            // Time-ordered ids, as the customers service gives the transactions it records.
            sales[i] = new RecordedTransaction(Guid.CreateVersion7(), $"B-{i}", customers[random.Next(customers.Length)],
                now.AddSeconds(-random.Next(days * 86_400)), "store", "EUR", TransactionKinds.Sale, null,
                total, 0, 0, total, spend.Sum(s => s.ProductCost), spend);
        }

        return sales;
    }

    /// <summary>
    /// Each member's points by the rules, computed from the sales alone. The sum per member does not depend on the order
    /// sales are taken in (a month's threshold and frequency bonuses add up to the same), which is why it can be checked
    /// whatever order loyalty's concurrent consumers took them in; which sale earned a bonus does depend on it.
    /// </summary>
    public static Dictionary<Guid, long> Recompute(IReadOnlyList<EarnRule> rules, IEnumerable<RecordedTransaction> sales)
    {
        var engine = new EarningEngine(rules);
        var points = new Dictionary<Guid, long>();
        foreach (var member in sales.GroupBy(sale => sale.CustomerId))
        {
            var counters = EarningCounters.Load([]);
            var customer = new EarningCustomer(member.Key, null, new HashSet<string>());
            points[member.Key] = member.OrderBy(sale => sale.OccurredAt).Sum(sale => engine.Earn(customer,
                new EarningTransaction(sale.TransactionId, sale.OccurredAt, sale.Channel, sale.NetAmount,
                    [.. sale.Categories.Select(category => new EarningLine(category.Category, null, category.NetAmount))]),
                counters).Sum(award => award.Points));
        }

        return points;
    }

    /// <summary>
    /// What the returns take back from each member: per returned sale, its returned share (capped at the sale) of the
    /// points it earned, rounded down on the running total, as <see cref="ReturnReversal"/> defines it. That total does
    /// not depend on the order the returns of one sale came in. <paramref name="earnedBySale"/> is what each sale earned.
    /// </summary>
    public static Dictionary<Guid, long> TakenBack(IEnumerable<RecordedTransaction> returns, IReadOnlyDictionary<Guid, (Guid CustomerId, decimal Net, long Points)> earnedBySale)
    {
        var taken = new Dictionary<Guid, long>();
        foreach (var sale in returns.Where(t => t.Kind == TransactionKinds.Return && t.OriginalTransactionId is not null).GroupBy(t => t.OriginalTransactionId!.Value))
        {
            if (earnedBySale.TryGetValue(sale.Key, out var earned))
            {
                var returned = Math.Min(sale.Sum(t => t.NetAmount), earned.Net);
                taken[earned.CustomerId] = taken.GetValueOrDefault(earned.CustomerId) + ReturnReversal.PointsToReverse(earned.Points, 0, earned.Net, returned, 0);
            }
        }

        return taken;
    }
}
