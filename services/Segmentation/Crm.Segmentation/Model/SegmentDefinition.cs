using System.Text.Json;

namespace Crm.Segmentation.Model;

/// <summary>A segment as posted: its rule (a predicate tree over the customer facts) and its governance.</summary>
public sealed record SegmentDefinition(
    string? Name,
    string? Description,
    string? Owner,
    string? Advisor,
    ManagementStrategy? Strategy,
    JsonElement? Rule);
