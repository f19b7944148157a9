namespace Crm.Segmentation.Model.Clustering;

/// <summary>How k-means is run and scored. The defaults suit a customer base of any size.</summary>
public sealed record KMeansOptions
{
    public static KMeansOptions Default { get; } = new();

    /// <summary>Seeds the k-means++ draws and the silhouette sample: the same seed and data give the same segments.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>k-means++ seedings, each refined to convergence; the one with the lowest inertia is kept.</summary>
    public int Restarts { get; init; } = 1;

    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Stop once an iteration lowers inertia by less than this fraction of it. On a large base the last iterations move
    /// a handful of boundary customers between neighbouring segments and change no profile a person would read.
    /// </summary>
    public double RelativeTolerance { get; init; } = 1e-4;

    /// <summary>The silhouette is exact up to this many customers and estimated on a sample of this many beyond.</summary>
    public int SilhouetteSampleSize { get; init; } = Silhouette.DefaultSampleSize;

    internal void Check()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        if (!(RelativeTolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "The tolerance must be a number ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(SilhouetteSampleSize, 2, nameof(SilhouetteSampleSize));
    }
}
