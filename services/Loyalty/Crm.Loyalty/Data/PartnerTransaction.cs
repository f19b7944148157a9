namespace Crm.Loyalty.Data;

/// <summary>A transaction a partner posted, as checked by its webhook: the member, earn or burn, the amount in the partner's currency.</summary>
public sealed record PartnerTransaction(Guid CustomerId, string Kind, decimal Amount, DateTimeOffset OccurredAt);
