namespace Crm.Segmentation.Model.Clustering;

/// <summary>Where Lloyd's iterations ended.</summary>
/// <param name="Centroids">k × d row-major, in the units clustered; each is the mean of its segment's customers.</param>
/// <param name="Inertia">Sum of squared distances from each customer to its segment's centroid.</param>
/// <param name="Iterations">Assignment passes over the customers.</param>
/// <param name="Converged">Stopped because assignments stopped changing or inertia stopped improving, not at the iteration limit.</param>
internal sealed record LloydOutcome(int[] Labels, double[] Centroids, int[] ClusterSizes, double Inertia, int Iterations, bool Converged);
