namespace Crm.Segmentation.Model.Clustering;

/// <summary>A segment of simulated customers: features normal about <paramref name="Centre"/>, independently.</summary>
/// <param name="Centre">The segment's mean of each feature.</param>
/// <param name="Spread">The standard deviation of each feature within the segment.</param>
/// <param name="Share">The segment's relative size; shares need not sum to 1.</param>
public sealed record SimulatedSegment(double[] Centre, double[] Spread, double Share);
