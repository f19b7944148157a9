namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// Where a customer falls among a clustering's centroids: the nearest (numbered from 0 here, from 1 where people read
/// it) and the runner-up, with their distances in standard deviations.
/// </summary>
public readonly record struct ClusterPlacement(int Nearest, double Distance, int NextNearest, double NextDistance);
