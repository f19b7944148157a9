using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Data;

/// <summary>What a clustering was asked for: the features, the range of k to choose from, and the seed of its draws.</summary>
public sealed record ClusteringSettings(IReadOnlyList<BehaviouralFeature> Features, int KMin, int KMax, int Seed);
