namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// The members' lifetime values: how many profitability has valued, their average and spread, and the value-tier
/// mix (placed against the population's deciles; <c>unknown</c> for members not valued or before the first recompute).
/// </summary>
public sealed record LifetimeValueProfile(
    long Valued,
    decimal? Average,
    decimal? Minimum,
    decimal? Maximum,
    LifetimeValueQuantiles? Quantiles,
    IReadOnlyList<MixShare> Tiers);
