namespace Crm.Segmentation.Data;

/// <summary>How many of the k asked for have been fitted and scored.</summary>
public sealed record ClusteringProgress(int KFitted, int KTotal);
