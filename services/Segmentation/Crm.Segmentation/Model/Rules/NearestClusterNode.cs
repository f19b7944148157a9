using System.Globalization;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// A leaf <c>{"nearestCluster": {...}}</c>: holds when the customer's standardised features are nearer to centroid
/// <paramref name="cluster"/> (from 0) than to any other. A customer missing a feature is in no cluster, as the
/// clustering left them out, so the leaf fails for them.
/// </summary>
internal sealed class NearestClusterNode(string path, ClusterCentroids centroids, int cluster, string? clustering) : RuleNode(path)
{
    /// <summary>The rule fields the features are computed from.</summary>
    public IEnumerable<string> Fields => centroids.Features.SelectMany(feature => feature.RuleFields);

    public override Func<CustomerFacts, bool> Compile() => customer => centroids.Place(customer, out _)?.Nearest == cluster;

    public override RuleExplanation Explain(CustomerFacts customer)
    {
        var description = $"nearest to cluster {cluster + 1} of {centroids.Clusters}{(clustering is null ? "" : $" in clustering {clustering}")}";
        if (centroids.Place(customer, out var missing) is not { } place)
        {
            return new RuleExplanation(Path, description, false, $"in no cluster: no value for {string.Join(", ", missing)}", []);
        }

        var actual = string.Create(CultureInfo.InvariantCulture,
            $"nearest to cluster {place.Nearest + 1} (distance {place.Distance:0.00}; next nearest {place.NextNearest + 1} at {place.NextDistance:0.00})");
        return new RuleExplanation(Path, description, place.Nearest == cluster, actual, []);
    }
}
