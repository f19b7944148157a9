namespace Crm.Segmentation.Data;

/// <summary>
/// The evidence for one k tried: segments consistent inside (silhouette near 1) and different from each other
/// (Davies–Bouldin near 0). The silhouette is estimated on a seeded uniform sample of the customers when there are more
/// than <see cref="SilhouetteCustomers"/>, the same sample for every k; Davies–Bouldin and inertia use every customer.
/// </summary>
/// <param name="DaviesBouldin">Null when two clusters have the same centre, the worst case the index cannot put a number on.</param>
/// <param name="Inertia">Sum of squared standardised distances to the cluster centres; it always falls as k grows, so it is shown, not used to choose.</param>
/// <param name="Converged">False when Lloyd's iterations stopped at their limit.</param>
public sealed record ClusteringScore(
    int K,
    double Silhouette,
    int SilhouetteCustomers,
    bool SilhouetteSampled,
    double? DaviesBouldin,
    double Inertia,
    int Iterations,
    bool Converged);
