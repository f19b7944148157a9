using System.Text.Json;

namespace Crm.Segmentation.Model;

/// <summary>A segment's current version; <see cref="Fields"/> are the facts its rule reads.</summary>
public sealed record Segment(
    Guid Id,
    string Name,
    int Version,
    string? Description,
    string Owner,
    string Advisor,
    ManagementStrategy Strategy,
    JsonElement Rule,
    IReadOnlyList<string> Fields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
