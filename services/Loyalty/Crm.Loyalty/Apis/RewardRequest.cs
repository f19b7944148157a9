namespace Crm.Loyalty.Apis;

/// <summary>
/// A reward as an editor sends it, to create or to replace one (PUT replaces everything, stock included): omitted
/// <c>stock</c> is unlimited, <c>perCustomerLimit</c> none, a visibility list every tier or segment, <c>active</c> true.
/// </summary>
public sealed record RewardRequest(
    string? Name,
    string? Description,
    long? CostPoints,
    int? Stock,
    int? PerCustomerLimit,
    string[]? VisibleToTiers,
    string[]? VisibleToSegments,
    bool? Active);
