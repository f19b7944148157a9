using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Segmentation.Model;

/// <summary>A segment's current version; <see cref="Fields"/> are the facts its rule reads. The version is also its ETag.</summary>
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
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore]
    public string ETag => ETagOf(Version);

    public static string ETagOf(int version) => $"\"{version}\"";
}
