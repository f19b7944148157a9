using Crm.Segmentation.Data;

namespace Crm.Segmentation.Apis;

/// <summary>A keyset page of recompute jobs, latest first: pass <see cref="Next"/> as <c>after</c> for the older ones.</summary>
public sealed record RecomputeJobPage(IReadOnlyList<RecomputeJob> Items, string? Next);
