namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// One feature of the ideal customer: the population's mean and standard deviation, the ideal segment's mean (over
/// the members who have it) and the mean of its members' standardised values — how many population standard
/// deviations the ideal customer stands from the average one. <see cref="Used"/> is false for a feature that
/// separates no one (see <see cref="FeatureScale"/>).
/// </summary>
public sealed record IdealFeature(
    string Feature,
    double? PopulationMean,
    double? PopulationStandardDeviation,
    double? SegmentMean,
    double StandardisedMean,
    bool Used);
