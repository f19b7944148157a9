namespace Crm.Segmentation.Model.Clustering;

/// <summary>
/// k-means segmentation of customers by behaviour: standardise the features, seed with k-means++, refine with Lloyd's
/// iterations, keep the best of the restarts, and score the result (silhouette, Davies–Bouldin, inertia).
/// </summary>
public static class KMeans
{
    /// <exception cref="ClusteringException">k &lt; 2, no customers, fewer customers (or distinct customers) than k.</exception>
    public static KMeansResult Fit(FeatureMatrix data, int k, KMeansOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= KMeansOptions.Default;
        options.Check();
        CheckSegments(data, k);
        var standardisation = FeatureStandardisation.Fit(data);
        var standardised = standardisation.Standardise(data);
        return FitStandardised(standardised, standardisation, k, options, UniformSample.Indices(data.Rows, options.SilhouetteSampleSize, options.Seed));
    }

    internal static void CheckSegments(FeatureMatrix data, int k)
    {
        if (k < 2)
        {
            throw new ClusteringException($"k = {k}: segmenting needs at least two segments; one segment is the whole customer base.");
        }

        if (data.Rows == 0)
        {
            throw new ClusteringException("There are no customers to segment.");
        }

        if (data.Rows < k)
        {
            throw new ClusteringException($"There are {data.Rows} customers, fewer than the {k} segments asked for.");
        }
    }

    /// <param name="silhouetteSample">The customers the silhouette is computed on; the same for every k of a selection, so k are compared on the same customers.</param>
    internal static KMeansResult FitStandardised(
        FeatureMatrix standardised, FeatureStandardisation standardisation, int k, KMeansOptions options, int[] silhouetteSample)
    {
        // Seeded per fit rather than shared across a selection: a candidate of KMeansSelection is the fit KMeans.Fit gives for that k.
        var random = new Random(options.Seed);
        LloydOutcome? best = null;
        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var seeds = KMeansPlusPlus.Seed(standardised, k, random);
            var outcome = LloydIterations.Run(standardised, seeds, k, options.MaxIterations, options.RelativeTolerance);
            if (best is null || outcome.Inertia < best.Inertia)
            {
                best = outcome;
            }
        }

        var centroids = new FeatureMatrix(standardised.FeatureNames, best!.Centroids);
        return new KMeansResult(
            k,
            best.Labels,
            centroids,
            standardisation.ToOriginalUnits(centroids),
            best.ClusterSizes,
            best.Inertia,
            best.Iterations,
            best.Converged,
            Silhouette.OfSample(standardised, best.Labels, k, silhouetteSample),
            silhouetteSample.Length,
            DaviesBouldinIndex.Of(standardised, best.Labels),
            standardisation);
    }
}
