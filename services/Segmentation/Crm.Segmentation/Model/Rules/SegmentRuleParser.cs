using System.Collections.Frozen;
using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// Checks a segment definition — a JSON tree of <c>all</c>, <c>any</c>, <c>not</c>, <c>{field, op, value}</c>
/// comparisons and <c>nearestCluster</c> leaves — and compiles it. Every problem is reported with the JSON path of
/// the bad part and what is allowed there; bad input never throws.
/// </summary>
public sealed class SegmentRuleParser
{
    /// <summary>Nesting beyond this is unreadable to the people who maintain segments, and never needed.</summary>
    public const int MaxDepth = 10;

    /// <summary>Bounds the cost of one segment in a full recompute over every customer.</summary>
    public const int MaxNodes = 200;

    private const string Shapes = "{\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or {\"field\": ..., \"op\": ..., \"value\": ...}";
    private static readonly string[] Keys = ["all", "any", "not", NearestClusterDefinition.Key, "field", "op", "value"];

    private readonly List<RuleError> _errors = [];
    private readonly HashSet<string> _fields = new(StringComparer.Ordinal);
    private int _nodes;

    private SegmentRuleParser()
    {
    }

    public static RuleParseResult Parse(JsonElement definition)
    {
        var parser = new SegmentRuleParser();
        UnstorableText.Find(definition, RulePaths.Root, parser._errors);
        if (parser._errors.Count > 0)
        {
            return RuleParseResult.Invalid(parser._errors);
        }

        var root = parser.Node(definition, RulePaths.Root, depth: 1);
        return root is not null && parser._errors.Count == 0
            ? RuleParseResult.Valid(new ParsedRule(root, parser._fields.ToFrozenSet(StringComparer.Ordinal)))
            : RuleParseResult.Invalid(parser._errors);
    }

    private RuleNode? Node(JsonElement node, string path, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return Error(path, $"a rule is an object: {Shapes}");
        }

        // Counting stops the parse at the limit, so a huge definition costs no more than a valid one and gives one error.
        if (++_nodes > MaxNodes)
        {
            return _nodes == MaxNodes + 1 ? Error(path, $"a rule has at most {MaxNodes} comparisons and groups together") : null;
        }

        if (depth > MaxDepth)
        {
            return Error(path, $"rules nest at most {MaxDepth} levels deep");
        }

        var parts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var property in node.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                unknown.Add(property.Name);
            }
            else if (!parts.TryAdd(property.Name, property.Value))
            {
                Error(RulePaths.Property(path, property.Name), $"'{property.Name}' appears more than once");
            }
        }

        var kinds = Keys[..4].Where(parts.ContainsKey).Concat(Keys[4..].Any(parts.ContainsKey) ? ["comparison"] : []).ToArray();
        var allowedKeys = kinds switch
        {
            ["comparison"] => "a comparison has field, op and value",
            [NearestClusterDefinition.Key] => "a nearestCluster leaf has nothing beside it",
            [] => "a rule has all, any, not or field/op/value",
            _ => "a group has only one of all, any or not",
        };
        foreach (var key in unknown)
        {
            Error(RulePaths.Property(path, key), $"unknown key '{key}'{ClosestNames.DidYouMean(key, Keys)}; {allowedKeys}");
        }

        return kinds switch
        {
            [] => Error(path, $"a rule needs all, any, not or field/op/value: {Shapes}"),
            [_, _, ..] => Error(path, $"a rule is one of all, any, not or a comparison, but this one has {string.Join(" and ", kinds)}; nest them with all or any"),
            ["all"] => Group(parts["all"], path, "all", depth),
            ["any"] => Group(parts["any"], path, "any", depth),
            ["not"] => Not(parts["not"], path, depth),
            [NearestClusterDefinition.Key] => NearestCluster(parts[NearestClusterDefinition.Key], path),
            _ => Comparison(path, parts),
        };
    }

    private RuleNode? Group(JsonElement list, string path, string kind, int depth)
    {
        var listPath = RulePaths.Property(path, kind);
        if (list.ValueKind != JsonValueKind.Array)
        {
            return Error(listPath, $"{kind} takes a list of rules: {{\"{kind}\": [...]}}");
        }

        if (list.GetArrayLength() == 0)
        {
            return Error(listPath, $"{kind} needs at least one rule");
        }

        // Every child is parsed, even after one fails, so the author sees all the problems at once.
        var children = list.EnumerateArray().Select((child, i) => Node(child, RulePaths.Index(listPath, i), depth + 1)).ToArray();
        if (Array.Exists(children, child => child is null))
        {
            return null;
        }

        return kind == "all" ? new AllNode(path, children!) : new AnyNode(path, children!);
    }

    private RuleNode? Not(JsonElement inner, string path, int depth)
    {
        var innerPath = RulePaths.Property(path, "not");
        if (inner.ValueKind != JsonValueKind.Object)
        {
            return Error(innerPath, "not takes one rule: {\"not\": {...}}");
        }

        return Node(inner, innerPath, depth + 1) is { } child ? new NotNode(path, child) : null;
    }

    private RuleNode? NearestCluster(JsonElement definition, string path)
    {
        var node = NearestClusterDefinition.Parse(definition, path, _errors);
        if (node is not null)
        {
            _fields.UnionWith(node.Fields);
        }

        return node;
    }

    private RuleNode? Comparison(string path, Dictionary<string, JsonElement> parts)
    {
        var field = ComparedField(path, parts);
        var op = Operator(path, parts, field);
        if (field is null || op is not { } comparison)
        {
            return null;
        }

        var valuePath = RulePaths.Property(path, "value");
        var opName = RuleOperators.Name(comparison);
        var hasValue = parts.TryGetValue("value", out var value);
        Func<CustomerFacts, bool>? test;
        if (RuleOperators.IsPresenceTest(comparison))
        {
            test = hasValue ? Error<Func<CustomerFacts, bool>>(valuePath, $"{opName} takes no value; remove value") : field.CompilePresence(comparison);
        }
        else
        {
            test = hasValue
                ? field.Compile(comparison, value, valuePath, _errors)
                : Error<Func<CustomerFacts, bool>>(valuePath, $"{opName} needs a value: {field.Name} compares with {field.Expected}");
        }

        if (test is null)
        {
            return null;
        }

        _fields.Add(field.Name);
        var description = hasValue ? $"{field.Name} {opName} {LiteralText.Of(value)}" : $"{field.Name} {opName}";
        return new ComparisonNode(path, field, description, test);
    }

    private RuleField? ComparedField(string path, Dictionary<string, JsonElement> parts)
    {
        var fieldPath = RulePaths.Property(path, "field");
        if (!parts.TryGetValue("field", out var name))
        {
            return Error<RuleField>(fieldPath, "a comparison needs a field, e.g. \"field\": \"rfm.recency\"");
        }

        if (name.ValueKind != JsonValueKind.String)
        {
            return Error<RuleField>(fieldPath, "field takes a field name as text, e.g. \"rfm.recency\"");
        }

        return FieldCatalogue.Resolve(name.GetString()!, out var problem) ?? Error<RuleField>(fieldPath, problem);
    }

    private RuleOperator? Operator(string path, Dictionary<string, JsonElement> parts, RuleField? field)
    {
        var opPath = RulePaths.Property(path, "op");
        var allowed = field is null
            ? $"ops are {string.Join(", ", RuleOperators.Names)}"
            : $"{field.Name} takes {string.Join(", ", field.Operators.Select(RuleOperators.Name))}";
        if (!parts.TryGetValue("op", out var name))
        {
            Error(opPath, $"a comparison needs an op; {allowed}");
            return null;
        }

        if (name.ValueKind != JsonValueKind.String)
        {
            Error(opPath, $"op takes an operator name as text; {allowed}");
            return null;
        }

        var text = name.GetString()!;
        if (!RuleOperators.TryParse(text, out var op))
        {
            Error(opPath, $"unknown op '{text}'{ClosestNames.DidYouMean(text, RuleOperators.Names)}; {allowed}");
            return null;
        }

        if (field is not null && !field.Operators.Contains(op))
        {
            Error(opPath, $"{text} does not apply to {field.Name}, which holds {field.Expected}; {allowed}");
            return null;
        }

        return op;
    }

    private RuleNode? Error(string path, string message) => Error<RuleNode>(path, message);

    private T? Error<T>(string path, string message)
        where T : class
    {
        _errors.Add(new RuleError(path, message));
        return null;
    }
}
