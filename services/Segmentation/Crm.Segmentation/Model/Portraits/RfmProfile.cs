namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// The members' RFM: how many are scored (buyers, once the population's quintiles are measured), their average
/// recency, frequency and monetary scores (1–5), and the mix of named RFM segments.
/// </summary>
public sealed record RfmProfile(
    long Scored,
    double? AverageRecency,
    double? AverageFrequency,
    double? AverageMonetary,
    IReadOnlyList<MixShare> Segments);
