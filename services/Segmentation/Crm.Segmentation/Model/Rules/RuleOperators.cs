using System.Collections.Frozen;

namespace Crm.Segmentation.Model.Rules;

/// <summary>How operators are spelled in a definition, and which ones each kind of field accepts.</summary>
internal static class RuleOperators
{
    private static readonly FrozenDictionary<string, RuleOperator> ByName =
        Enum.GetValues<RuleOperator>().ToFrozenDictionary(Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<RuleOperator>().Select(Name)];

    public static IReadOnlyList<RuleOperator> Ordered { get; } =
    [
        RuleOperator.Eq, RuleOperator.Ne, RuleOperator.Lt, RuleOperator.Lte, RuleOperator.Gt, RuleOperator.Gte,
        RuleOperator.Between, RuleOperator.In, RuleOperator.NotIn, RuleOperator.Exists, RuleOperator.Missing,
    ];

    public static IReadOnlyList<RuleOperator> Text { get; } =
    [
        RuleOperator.Eq, RuleOperator.Ne, RuleOperator.In, RuleOperator.NotIn, RuleOperator.Contains,
        RuleOperator.StartsWith, RuleOperator.Exists, RuleOperator.Missing,
    ];

    public static string Name(RuleOperator op) => op switch
    {
        RuleOperator.NotIn => "notIn",
        RuleOperator.StartsWith => "startsWith",
        _ => op.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string name, out RuleOperator op) => ByName.TryGetValue(name, out op);

    /// <summary>The operators that take no value.</summary>
    public static bool IsPresenceTest(RuleOperator op) => op is RuleOperator.Exists or RuleOperator.Missing;
}
