namespace Crm.Profitability.Model;

/// <summary>
/// One version of the cost model. It applies to everything that happened from <see cref="EffectiveFrom"/> until the
/// next version's effective date; amounts are in the service's reporting currency.
/// </summary>
public sealed record CostModel(
    int Version,
    DateTimeOffset EffectiveFrom,
    AdminCostRule Admin,
    IReadOnlyList<ChannelCost> Channels,
    IReadOnlyList<ServiceCost> ServiceCosts,
    string? Note,
    DateTimeOffset CreatedAt);
