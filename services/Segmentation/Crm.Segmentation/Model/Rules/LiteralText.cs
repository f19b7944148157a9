using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>A definition's literal written back compactly for descriptions and messages: <c>["search", "social"]</c>.</summary>
internal static class LiteralText
{
    private const int MaxLength = 200;

    public static string Of(JsonElement literal)
    {
        var text = literal.ValueKind switch
        {
            JsonValueKind.String => $"\"{literal.GetString()}\"",
            JsonValueKind.Array => $"[{string.Join(", ", literal.EnumerateArray().Select(Of))}]",
            JsonValueKind.Object => "an object",
            _ => literal.GetRawText(),
        };
        return Shortened(text);
    }

    /// <summary>Long lists and attribute values are cut so an explanation stays readable.</summary>
    public static string Shortened(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
