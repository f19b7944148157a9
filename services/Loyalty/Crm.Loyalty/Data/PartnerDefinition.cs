namespace Crm.Loyalty.Data;

/// <summary>A partner's terms as checked by the API, to create a partner or replace its terms.</summary>
public sealed record PartnerDefinition(string Name, decimal EarnRate, decimal BurnRate, decimal CostPerPoint, string Currency, bool Active);
