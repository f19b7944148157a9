using System.Threading.Channels;
using Crm.Segmentation.Model.Clustering;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Data;

/// <summary>
/// One clustering job: read the customers' features, fit and score k-means for every k asked for (each k's scores
/// stored as soon as it is fitted), keep the best by silhouette, and describe its clusters.
/// </summary>
internal sealed class ClusteringRunner(ClusteringStore store, ClusteringFeatureReader reader)
{
    /// <exception cref="ClusteringException">The customers cannot be clustered as asked; the message says why.</exception>
    public async Task RunAsync(ClusteringJob job, CancellationToken cancellationToken)
    {
        BehaviouralFeature[] features = [.. job.Features.Select(name => BehaviouralFeatures.Find(name)
            ?? throw new ClusteringException($"The feature '{name}' is no longer one segmentation can cluster on."))];
        var input = await reader.ReadAsync(features, cancellationToken);
        var clustered = input.Values.Length / features.Length;
        var missing = Enumerable.Range(0, features.Length).ToDictionary(j => features[j].Name, j => input.Missing[j], StringComparer.Ordinal);
        await store.ReadAsync(job.Id, new ClusteringCustomers(input.Read, clustered, input.Read - clustered, missing), Fitting(job.KMin, job), cancellationToken);
        if (clustered < job.KMax)
        {
            throw new ClusteringException(
                $"Only {clustered} customers have a value for every chosen feature now, fewer than kMax = {job.KMax}.");
        }

        var data = new FeatureMatrix(job.Features, input.Values);
        var options = new KMeansOptions { Seed = job.Seed };
        var selection = await SelectAsync(job, data, options, cancellationToken);

        var best = selection.Best;
        var centroids = new ClusterCentroids(features, [.. best.Standardisation.Means], [.. best.Standardisation.StandardDeviations], best.Centroids.ToRows());
        var standardisation = new ClusteringStandardisation(
            ClusterProfiles.ByFeature(features, best.Standardisation.Means),
            ClusterProfiles.ByFeature(features, best.Standardisation.StandardDeviations),
            best.Standardisation.ConstantFeatures);
        await store.SucceededAsync(job.Id, best.K, standardisation, ClusterProfiles.Of(best, features, Sizes(centroids, input.Values, features.Length)), cancellationToken);
    }

    /// <summary>Fits every k on the thread pool while this job stores each k's scores as they come.</summary>
    private async Task<ClusteringSelection> SelectAsync(ClusteringJob job, FeatureMatrix data, KMeansOptions options, CancellationToken cancellationToken)
    {
        var silhouetteCustomers = Math.Min(data.Rows, options.SilhouetteSampleSize);
        var fitted = Channel.CreateUnbounded<ClusteringCandidate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var selecting = Task.Run(() =>
        {
            try
            {
                return KMeansSelection.Select(data, job.KMin, job.KMax, options, new ChannelProgress(fitted.Writer));
            }
            finally
            {
                fitted.Writer.Complete();
            }
        }, cancellationToken);

        var scores = new List<ClusteringScore>();
        await foreach (var candidate in fitted.Reader.ReadAllAsync(cancellationToken))
        {
            scores.Add(new ClusteringScore(
                candidate.K, candidate.Silhouette, silhouetteCustomers, silhouetteCustomers < data.Rows,
                double.IsFinite(candidate.DaviesBouldin) ? candidate.DaviesBouldin : null, candidate.Inertia, candidate.Iterations, candidate.Converged));
            var phase = candidate.K < job.KMax ? Fitting(candidate.K + 1, job) : "describing clusters";
            await store.ScoredAsync(job.Id, scores, phase, cancellationToken);
        }

        return await selecting;
    }

    /// <summary>Customers nearest each centroid, placed exactly as a segment saved from a cluster places them.</summary>
    private static int[] Sizes(ClusterCentroids centroids, double[] values, int d)
    {
        var sizes = new int[centroids.Clusters];
        for (var at = 0; at < values.Length; at += d)
        {
            sizes[centroids.Place(values.AsSpan(at, d)).Nearest]++;
        }

        return sizes;
    }

    private static string Fitting(int k, ClusteringJob job) => $"fitting k = {k} ({job.KMin}..{job.KMax})";

    /// <summary>Hands each k's scores from the fitting thread to the job, in order; <see cref="Progress{T}"/> would not keep the order.</summary>
    private sealed class ChannelProgress(ChannelWriter<ClusteringCandidate> writer) : IProgress<ClusteringCandidate>
    {
        public void Report(ClusteringCandidate value) => writer.TryWrite(value);
    }
}
