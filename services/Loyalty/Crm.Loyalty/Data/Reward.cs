namespace Crm.Loyalty.Data;

/// <summary>
/// A reward of the catalogue: its cost in points, the stock left to reserve (null: unlimited), how many one member may
/// hold or have had (null: no limit), and who may see it (null lists: every tier, every segment).
/// </summary>
public sealed record Reward(
    Guid Id,
    string Name,
    string? Description,
    long CostPoints,
    int? Stock,
    int? PerCustomerLimit,
    string[]? VisibleToTiers,
    string[]? VisibleToSegments,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
