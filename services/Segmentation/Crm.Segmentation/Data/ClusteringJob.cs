namespace Crm.Segmentation.Data;

/// <summary>
/// A clustering job and, once it has succeeded, its result: the k chosen (best silhouette), the scores of every k tried,
/// and the chosen clusters' profiles.
/// </summary>
/// <param name="Phase">What it is doing or last did: queued, reading customer facts, fitting k = 4 (2..10), describing clusters, done.</param>
public sealed record ClusteringJob(
    Guid Id,
    string Status,
    string Phase,
    IReadOnlyList<string> Features,
    int KMin,
    int KMax,
    int Seed,
    ClusteringProgress Progress,
    ClusteringCustomers? Customers,
    int? ChosenK,
    IReadOnlyList<ClusteringScore> Scores,
    ClusteringStandardisation? Standardisation,
    IReadOnlyList<ClusterProfile> Clusters,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
