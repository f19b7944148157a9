using Crm.Segmentation.Model.Clustering;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Data;

/// <summary>The chosen clusters described for people: size, share, average customer, and a label in words.</summary>
internal static class ClusterProfiles
{
    /// <summary>Half a standard deviation from the average customer: less than that does not set a cluster apart.</summary>
    public const double Distinctive = 0.5;

    /// <summary>A label names at most this many features: more reads as a list, not a name.</summary>
    public const int LabelFeatures = 2;

    /// <param name="sizes">Customers nearest each centroid.</param>
    public static IReadOnlyList<ClusterProfile> Of(KMeansResult best, IReadOnlyList<BehaviouralFeature> features, int[] sizes)
    {
        var clustered = (double)sizes.Sum();
        return
        [
            .. Enumerable.Range(0, best.K).Select(c =>
            {
                var zScores = best.Centroids.Row(c).ToArray();
                return new ClusterProfile(
                    c + 1,
                    Label(features, zScores),
                    sizes[c],
                    sizes[c] / clustered,
                    ByFeature(features, best.CentroidsInOriginalUnits.Row(c).ToArray()),
                    ByFeature(features, zScores));
            }),
        ];
    }

    /// <summary>The features furthest from average, strongest first: "high lifetime value, bought recently".</summary>
    public static string Label(IReadOnlyList<BehaviouralFeature> features, double[] zScores)
    {
        var phrases = Enumerable.Range(0, features.Count)
            .Where(j => Math.Abs(zScores[j]) >= Distinctive)
            .OrderByDescending(j => Math.Abs(zScores[j]))
            .ThenBy(j => j)
            .Take(LabelFeatures)
            .Select(j => zScores[j] > 0 ? features[j].High : features[j].Low)
            .ToList();
        return phrases.Count == 0 ? "close to the average customer" : string.Join(", ", phrases);
    }

    public static IReadOnlyDictionary<string, double> ByFeature(IReadOnlyList<BehaviouralFeature> features, IReadOnlyList<double> values) =>
        Enumerable.Range(0, features.Count).ToDictionary(j => features[j].Name, j => values[j], StringComparer.Ordinal);
}
