using Crm.Loyalty.Data;

namespace Crm.Loyalty.Apis;

/// <summary>Every partner's settlement for one period, by name (each in its own currency).</summary>
public sealed record SettlementReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PartnerSettlement> Items);
