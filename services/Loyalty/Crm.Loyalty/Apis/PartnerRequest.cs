namespace Crm.Loyalty.Apis;

/// <summary>
/// A partner's terms as the programme sends them, to create a partner or to replace its terms (PUT replaces them all):
/// points per currency unit spent there and paid with points there, what it pays per point issued, its ISO 4217
/// currency; omitted <c>active</c> is true.
/// </summary>
public sealed record PartnerRequest(string? Name, decimal? EarnRate, decimal? BurnRate, decimal? CostPerPoint, string? Currency, bool? Active);
