using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Data;

/// <summary>What the earn rules need to know of one member while a batch is earned: tier, segments and running counts.</summary>
public sealed class MemberContext(Guid customerId, string? tier, IReadOnlySet<string> segments, EarningCounters counters)
{
    public Guid CustomerId { get; } = customerId;

    public EarningCustomer Customer { get; } = new(customerId, tier, segments);

    public EarningCounters Counters { get; } = counters;
}
