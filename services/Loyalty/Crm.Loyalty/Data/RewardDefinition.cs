namespace Crm.Loyalty.Data;

/// <summary>A reward as the catalogue's editors define it, already checked and trimmed.</summary>
public sealed record RewardDefinition(
    string Name,
    string? Description,
    long CostPoints,
    int? Stock,
    int? PerCustomerLimit,
    string[]? VisibleToTiers,
    string[]? VisibleToSegments,
    bool Active);
