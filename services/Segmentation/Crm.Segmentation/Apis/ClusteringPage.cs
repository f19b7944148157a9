using Crm.Segmentation.Data;

namespace Crm.Segmentation.Apis;

/// <summary>A keyset page of clusterings, newest first: pass <see cref="Next"/> as <c>after</c> for older ones.</summary>
public sealed record ClusteringPage(IReadOnlyList<ClusteringJob> Items, string? Next);
