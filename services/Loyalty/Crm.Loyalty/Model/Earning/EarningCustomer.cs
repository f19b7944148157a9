namespace Crm.Loyalty.Model.Earning;

/// <summary>The member as earn rules see them when a purchase or event is rewarded: their tier and the segments they are in.</summary>
public sealed record EarningCustomer(Guid CustomerId, string? Tier, IReadOnlySet<string> Segments);
