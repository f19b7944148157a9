namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// A clustering frozen into what placing a customer needs: the features, the population means and standard deviations
/// they were standardised with, and the centroids in those standard deviations. The clustering's sizes and a segment's
/// rule both place customers with it, so a saved cluster starts with exactly the customers the clustering counted.
/// </summary>
public sealed class ClusterCentroids
{
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly double[][] _centroids;

    /// <param name="centroids">k rows of one value per feature, in standard deviations from the mean.</param>
    public ClusterCentroids(IReadOnlyList<BehaviouralFeature> features, double[] means, double[] scales, double[][] centroids)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(centroids);
        if (means.Length != features.Count || scales.Length != features.Count || centroids.Length < 2
            || Array.Exists(centroids, centroid => centroid.Length != features.Count))
        {
            throw new ArgumentException("Give a mean, a scale and a coordinate per feature, for at least two centroids.", nameof(centroids));
        }

        Features = features;
        (_means, _scales, _centroids) = (means, scales, centroids);
    }

    public IReadOnlyList<BehaviouralFeature> Features { get; }

    public int Clusters => _centroids.Length;

    /// <summary>The customer's place, or null when they have no value for a feature (then they are in no cluster).</summary>
    /// <param name="missing">The features the customer has no value for, when there are any.</param>
    public ClusterPlacement? Place(CustomerFacts customer, out IReadOnlyList<string> missing)
    {
        Span<double> values = stackalloc double[Features.Count];
        List<string>? absent = null;
        for (var j = 0; j < Features.Count; j++)
        {
            if (Features[j].Read(customer) is { } value)
            {
                values[j] = value;
            }
            else
            {
                (absent ??= []).Add(Features[j].Name);
            }
        }

        missing = absent ?? [];
        return absent is null ? Place(values) : null;
    }

    /// <summary>The place of a customer with these feature values, in the features' order and units.</summary>
    /// <remarks>Ties go to the lower-numbered centroid, as in k-means' own assignment.</remarks>
    public ClusterPlacement Place(ReadOnlySpan<double> values)
    {
        var (nearest, nearestSquared, next, nextSquared) = (-1, double.PositiveInfinity, -1, double.PositiveInfinity);
        for (var c = 0; c < _centroids.Length; c++)
        {
            var centroid = _centroids[c];
            double squared = 0;
            for (var j = 0; j < centroid.Length; j++)
            {
                // Standardised exactly as the clustering standardised its input.
                var difference = (values[j] - _means[j]) / _scales[j] - centroid[j];
                squared += difference * difference;
            }

            if (squared < nearestSquared)
            {
                (next, nextSquared, nearest, nearestSquared) = (nearest, nearestSquared, c, squared);
            }
            else if (squared < nextSquared)
            {
                (next, nextSquared) = (c, squared);
            }
        }

        return new ClusterPlacement(nearest, Math.Sqrt(nearestSquared), next, Math.Sqrt(nextSquared));
    }
}
