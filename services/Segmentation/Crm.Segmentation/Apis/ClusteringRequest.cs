namespace Crm.Segmentation.Apis;

/// <summary>A clustering as posted; every part is optional (all features, k from 2 to 10, seed 1).</summary>
/// <param name="Features">Behavioural features to cluster on, from <see cref="Model.Rules.BehaviouralFeatures.Names"/>.</param>
/// <param name="KMin">The fewest clusters to try, 2 to 10.</param>
/// <param name="KMax">The most clusters to try, 2 to 10, at least <paramref name="KMin"/>.</param>
/// <param name="Seed">Seeds the k-means++ draws and the silhouette sample: the same seed on the same customers gives the same clusters.</param>
public sealed record ClusteringRequest(IReadOnlyList<string?>? Features, int? KMin, int? KMax, int? Seed);
