namespace Crm.Segmentation.Model.Clustering;

/// <summary>The segmentation with the best silhouette over a range of k, and every k's scores.</summary>
public sealed record ClusteringSelection(KMeansResult Best, IReadOnlyList<ClusteringCandidate> Candidates);
