namespace Crm.Profitability.Model;

/// <summary>A new version of the cost model as posted; every list is complete (what is left out costs nothing).</summary>
public sealed record NewCostModel(
    DateTimeOffset? EffectiveFrom,
    AdminCostRule? Admin,
    IReadOnlyList<ChannelCost>? Channels,
    IReadOnlyList<ServiceCost>? ServiceCosts,
    string? Note);
