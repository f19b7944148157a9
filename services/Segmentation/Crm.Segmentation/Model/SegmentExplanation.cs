using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Model;

/// <summary>Whether a customer meets a segment's rule today, and which parts of the rule held or failed.</summary>
public sealed record SegmentExplanation(Guid SegmentId, int Version, Guid CustomerId, bool Member, RuleExplanation Rule);
