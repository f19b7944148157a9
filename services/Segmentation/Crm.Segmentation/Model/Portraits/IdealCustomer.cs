namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// The ideal customer: the portrait of the most profitable segment, why it was chosen (and the segments it was
/// weighed against), and its feature profile — what look-alike scores measure customers against.
/// </summary>
public sealed record IdealCustomer(
    IdealSegmentCandidate Segment,
    string Reason,
    int MinimumMembers,
    IReadOnlyList<IdealSegmentCandidate> Candidates,
    IReadOnlyList<IdealFeature> Profile,
    Portrait Portrait);
