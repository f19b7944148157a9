namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// What-if for a promotion: replays past purchases, in time order, under the current rules and under the current rules
/// plus a proposed one, and reports the difference in points and cost. Each customer's counters start empty in both
/// runs (so thresholds, frequency counts and caps count only the replayed purchases) and carry over between that
/// customer's purchases. A proposed rule with the id of a current rule and a higher version simulates revising it.
/// </summary>
public sealed class PromotionSimulation(IReadOnlyList<EarnRule> currentRules)
{
    /// <summary>
    /// The same rule moved to start at <paramref name="from"/>, keeping its length (e.g. onto last month's purchases).
    /// One that would then end after the calendar does (a rule "until 9999-12-31") runs on without an end.
    /// </summary>
    public static EarnRule ShiftedTo(EarnRule rule, DateTimeOffset from)
    {
        // Null for an open-ended rule, which stays open-ended.
        var length = rule.EffectiveTo - rule.EffectiveFrom;
        return rule with { EffectiveFrom = from, EffectiveTo = length < DateTimeOffset.MaxValue - from ? from + length : null };
    }

    public PromotionSimulationResult Run(
        EarnRule proposed,
        IEnumerable<(EarningCustomer Customer, EarningTransaction Transaction)> purchases,
        decimal costPerPoint)
    {
        var without = new EarningEngine(currentRules);
        var with = new EarningEngine([.. currentRules, proposed]);
        var countersWithout = new Dictionary<Guid, EarningCounters>();
        var countersWith = new Dictionary<Guid, EarningCounters>();
        var customers = new HashSet<Guid>();
        var affectedCustomers = new HashSet<Guid>();
        int transactions = 0, affectedTransactions = 0;
        long pointsWithout = 0, pointsWith = 0, fromProposed = 0;

        foreach (var (customer, transaction) in purchases)
        {
            transactions++;
            customers.Add(customer.CustomerId);
            var before = without.Earn(customer, transaction, CountersOf(countersWithout, customer.CustomerId));
            var after = with.Earn(customer, transaction, CountersOf(countersWith, customer.CustomerId));
            var earnedBefore = before.Sum(award => award.Points);
            var earnedAfter = after.Sum(award => award.Points);
            pointsWithout += earnedBefore;
            pointsWith += earnedAfter;
            fromProposed += after.Where(award => award.RuleId == proposed.Id && award.RuleVersion == proposed.Version).Sum(award => award.Points);
            if (earnedBefore != earnedAfter)
            {
                affectedTransactions++;
                affectedCustomers.Add(customer.CustomerId);
            }
        }

        var extra = pointsWith - pointsWithout;
        return new PromotionSimulationResult(transactions, customers.Count, pointsWithout, pointsWith, extra, fromProposed,
            affectedTransactions, affectedCustomers.Count, costPerPoint, extra * costPerPoint);
    }

    private static EarningCounters CountersOf(Dictionary<Guid, EarningCounters> counters, Guid customerId)
    {
        if (!counters.TryGetValue(customerId, out var customerCounters))
        {
            counters[customerId] = customerCounters = EarningCounters.Load([]);
        }

        return customerCounters;
    }
}
