namespace Crm.Segmentation.Model.Clustering;

/// <summary>The scores of one k tried by <see cref="KMeansSelection"/>: the evidence for the k chosen.</summary>
public sealed record ClusteringCandidate(int K, double Silhouette, double DaviesBouldin, double Inertia, int Iterations, bool Converged);
