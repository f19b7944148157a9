namespace Crm.Segmentation.Model.Clustering;

/// <summary>Simulated customers and the segment each was drawn from, the truth a segmentation is scored against.</summary>
public sealed record SimulatedCustomers(FeatureMatrix Data, int[] TrueSegments);
