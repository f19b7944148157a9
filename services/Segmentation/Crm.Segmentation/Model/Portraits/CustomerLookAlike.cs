namespace Crm.Segmentation.Model.Portraits;

/// <summary>How closely a customer resembles the ideal customer, and on which features they differ.</summary>
public sealed record CustomerLookAlike(
    Guid CustomerId,
    Guid IdealSegmentId,
    double Score,
    double MeanSquaredDistance,
    IReadOnlyList<FeatureDistance> Features);
