using System.Text.Json;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

/// <summary>Parses definitions written as JSON text in tests.</summary>
internal static class Rules
{
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ParsedRule Compile(string json)
    {
        var result = SegmentRuleParser.Parse(Json(json));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Rule;
    }

    /// <summary>A one-comparison rule; <paramref name="value"/> is JSON text, or null for no value.</summary>
    public static ParsedRule Leaf(string field, string op, string? value = null) => Compile(LeafJson(field, op, value));

    public static string LeafJson(string field, string op, string? value = null) =>
        value is null
            ? $$"""{ "field": "{{field}}", "op": "{{op}}" }"""
            : $$"""{ "field": "{{field}}", "op": "{{op}}", "value": {{value}} }""";

    public static IReadOnlyList<RuleError> Errors(string json)
    {
        var result = SegmentRuleParser.Parse(Json(json));
        Assert.False(result.IsValid);
        Assert.Null(result.Rule);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>The single error of a definition with exactly one mistake.</summary>
    public static RuleError Error(string json) => Assert.Single(Errors(json));
}
