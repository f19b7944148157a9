namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// Chooses the number of segments: fits k-means for each k in a range and keeps the k whose segments are most
/// internally consistent and distinct by the silhouette, the lower Davies–Bouldin index breaking a tie. Inertia always
/// falls as k grows, so it is reported as evidence but cannot choose.
/// </summary>
public static class KMeansSelection
{
    /// <param name="progress">Told each k's scores as soon as that k is fitted; reported on the calling thread.</param>
    /// <exception cref="ClusteringException">minK &lt; 2, no customers, fewer customers than maxK.</exception>
    public static ClusteringSelection Select(
        FeatureMatrix data, int minK = 2, int maxK = 10, KMeansOptions? options = null, IProgress<ClusteringCandidate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= KMeansOptions.Default;
        options.Check();
        if (maxK < minK)
        {
            throw new ClusteringException($"The range of k is empty: minimum {minK}, maximum {maxK}.");
        }

        KMeans.CheckSegments(data, minK);
        if (data.Rows < maxK)
        {
            throw new ClusteringException($"There are {data.Rows} customers, fewer than the {maxK} segments at the top of the range; lower the maximum k to at most {data.Rows}.");
        }

        var standardisation = FeatureStandardisation.Fit(data);
        var standardised = standardisation.Standardise(data);
        var silhouetteSample = UniformSample.Indices(data.Rows, options.SilhouetteSampleSize, options.Seed);
        KMeansResult? best = null;
        var candidates = new List<ClusteringCandidate>();
        for (var k = minK; k <= maxK; k++)
        {
            var fit = KMeans.FitStandardised(standardised, standardisation, k, options, silhouetteSample);
            candidates.Add(new ClusteringCandidate(k, fit.Silhouette, fit.DaviesBouldin, fit.Inertia, fit.Iterations, fit.Converged));
            progress?.Report(candidates[^1]);
            if (best is null || IsBetter(fit, best))
            {
                best = fit;
            }
        }

        return new ClusteringSelection(best!, candidates);
    }

    /// <summary>Ties go to the smaller k already held: fewer segments are easier to act on.</summary>
    private static bool IsBetter(KMeansResult fit, KMeansResult best) =>
        fit.Silhouette > best.Silhouette || (fit.Silhouette == best.Silhouette && fit.DaviesBouldin < best.DaviesBouldin);
}
