using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Data;

/// <summary>What the earn rules and tiers need to know of one member while a batch is earned: standing, segments and running counts.</summary>
public sealed class MemberContext(MemberStanding standing, IReadOnlySet<string> segments, EarningCounters counters)
{
    public Guid CustomerId => Standing.CustomerId;

    public MemberStanding Standing { get; } = standing;

    public EarningCustomer Customer { get; } = new(standing.CustomerId, standing.Tier, segments);

    public EarningCounters Counters { get; } = counters;
}
