namespace Crm.Segmentation.Model.Clustering;

/// <summary>A segmentation of the customers into K segments, with the scores that say how good it is.</summary>
/// <param name="Labels">Each customer's segment, 0..K−1, in the order of the input rows.</param>
/// <param name="Centroids">K × d: each segment's mean in standardised units (how many sds above or below the average customer).</param>
/// <param name="CentroidsInOriginalUnits">K × d: each segment's mean in the input's units, the segment profile people read.</param>
/// <param name="ClusterSizes">Customers per segment.</param>
/// <param name="Inertia">Within-segment sum of squared standardised distances from each customer to their segment's mean.</param>
/// <param name="Iterations">Assignment passes in the kept run.</param>
/// <param name="Converged">False when the kept run stopped at the iteration limit.</param>
/// <param name="Silhouette">Mean silhouette, −1..1, higher is better; see <see cref="Clustering.Silhouette.Of"/>.</param>
/// <param name="SilhouetteSampleSize">Customers the silhouette was computed on: all of them, or a sample.</param>
/// <param name="DaviesBouldin">Davies–Bouldin index over every customer, ≥ 0, lower is better.</param>
/// <param name="Standardisation">The means and sds used, and the constant features that were ignored.</param>
public sealed record KMeansResult(
    int K,
    int[] Labels,
    FeatureMatrix Centroids,
    FeatureMatrix CentroidsInOriginalUnits,
    int[] ClusterSizes,
    double Inertia,
    int Iterations,
    bool Converged,
    double Silhouette,
    int SilhouetteSampleSize,
    double DaviesBouldin,
    FeatureStandardisation Standardisation);
