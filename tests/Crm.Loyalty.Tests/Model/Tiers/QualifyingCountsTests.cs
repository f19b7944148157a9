using Crm.Loyalty.Model.Earning;
using Crm.Loyalty.Model.Tiers;

namespace Crm.Loyalty.Tests.Model.Tiers;

public sealed class QualifyingCountsTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_window_counts_its_last_days_today_included_and_nothing_older()
    {
        var policy = new TierPolicy(TierQualification.PointsEarned, 30, [new TierLevel("blue", 0)], DowngradePolicy.None, null, null);
        var counters = EarningCounters.Load([]);
        counters.Add(QualifyingCounts.Earned(Today), 10);
        counters.Add(QualifyingCounts.Earned(Today.AddDays(-29)), 20);
        counters.Add(QualifyingCounts.Earned(Today.AddDays(-30)), 400);
        counters.Add(QualifyingCounts.Spent(Today), 5_000);

        Assert.Equal(30m, QualifyingCounts.Amount(counters, policy, Today));
    }

    [Fact]
    public void A_spend_policy_counts_spend_not_points()
    {
        var policy = new TierPolicy(TierQualification.Spend, 365, [new TierLevel("blue", 0)], DowngradePolicy.None, null, null);
        var counters = EarningCounters.Load([]);
        counters.Add(QualifyingCounts.Earned(Today), 10);
        counters.Add(QualifyingCounts.Spent(Today.AddDays(-100)), 250.50m);
        counters.Add(QualifyingCounts.Spent(Today), -50.50m);

        Assert.Equal(200m, QualifyingCounts.Amount(counters, policy, Today));
    }
}
