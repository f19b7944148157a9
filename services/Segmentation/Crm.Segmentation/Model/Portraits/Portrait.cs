namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// A pen portrait: who a segment's members are (or everyone's, the baseline to compare with) — how many, what share
/// of the revenue and profit they bring, their value, RFM, demographics, where they came from, where they buy, what
/// they let us contact them about, and their profit bands and churn risk.
/// </summary>
/// <param name="SegmentId">Null for the population portrait.</param>
/// <param name="ShareOfRevenue">Null when the population's revenue is not positive (a share of it means nothing).</param>
/// <param name="ShareOfProfit">Null when the population's profit is not positive.</param>
/// <param name="AverageProfit">Profit per member; a member profitability has not valued yet brings none.</param>
/// <param name="PreferredChannels">Each member's channel with the most purchase days (ties to the first by name).</param>
/// <param name="ConsentCoverage">Share of members with each <c>channel:purpose</c> consent granted.</param>
public sealed record Portrait(
    Guid? SegmentId,
    string Name,
    long Members,
    double ShareOfCustomers,
    decimal Revenue,
    double? ShareOfRevenue,
    decimal Profit,
    double? ShareOfProfit,
    decimal? AverageProfit,
    LifetimeValueProfile LifetimeValue,
    RfmProfile Rfm,
    Demographics Demographics,
    IReadOnlyList<MixShare> AcquisitionSources,
    IReadOnlyList<MixShare> PreferredChannels,
    IReadOnlyList<MixShare> ConsentCoverage,
    IReadOnlyList<MixShare> ProfitBands,
    IReadOnlyList<MixShare> ChurnRisks);
