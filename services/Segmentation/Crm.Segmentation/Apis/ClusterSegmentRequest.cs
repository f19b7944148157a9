using Crm.Segmentation.Model;

namespace Crm.Segmentation.Apis;

/// <summary>
/// A cluster saved as a segment: the governance every segment needs. The rule is the cluster's own (a
/// <c>nearestCluster</c> leaf); the description, when left out, says which clustering and cluster it came from.
/// </summary>
public sealed record ClusterSegmentRequest(string? Name, string? Description, string? Owner, string? Advisor, ManagementStrategy? Strategy);
