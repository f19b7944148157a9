namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// Where a customer stands on one feature: the value (null when missing), its z-score against the population, the
/// ideal customer's, and the z-distance between them (customer − ideal; positive means above the ideal).
/// </summary>
public sealed record FeatureDistance(string Feature, double? Value, double Standardised, double Ideal, double Distance, bool Used);
