namespace Crm.Loyalty.Data;

/// <summary>An active partner as its inbound webhook needs it: the key its deliveries are signed with and its terms.</summary>
public sealed record SigningPartner(Guid Id, string Name, decimal EarnRate, decimal BurnRate, decimal CostPerPoint, byte[] SigningKey);
