using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// The shape of a comparison's value, whatever the field: one literal for most operators, <c>[low, high]</c> for
/// <c>between</c>, a non-empty list for <c>in</c> and <c>notIn</c>. Each literal comes with its own path for errors.
/// </summary>
internal static class ComparisonValues
{
    /// <summary>Bounds a list so one definition cannot make every evaluation slow or the stored segment huge.</summary>
    public const int MaxListLength = 1000;

    public static bool TryItems(
        RuleOperator op, JsonElement value, string path, List<RuleError> errors, out (JsonElement Literal, string Path)[] items)
    {
        items = [];
        var name = RuleOperators.Name(op);
        switch (op)
        {
            case RuleOperator.Between when value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2:
                errors.Add(new RuleError(path, "between takes two values [low, high], both inclusive"));
                return false;
            case RuleOperator.In or RuleOperator.NotIn when value.ValueKind != JsonValueKind.Array:
                errors.Add(new RuleError(path, $"{name} takes a list of values, e.g. [\"search\", \"social\"]"));
                return false;
            case RuleOperator.In or RuleOperator.NotIn when value.GetArrayLength() == 0:
                errors.Add(new RuleError(path, $"{name} needs at least one value in its list"));
                return false;
            case RuleOperator.In or RuleOperator.NotIn when value.GetArrayLength() > MaxListLength:
                errors.Add(new RuleError(path, $"{name} takes at most {MaxListLength} values"));
                return false;
            case RuleOperator.Between or RuleOperator.In or RuleOperator.NotIn:
                items = [.. value.EnumerateArray().Select((literal, i) => (literal, RulePaths.Index(path, i)))];
                return true;
            case var _ when value.ValueKind == JsonValueKind.Array:
                errors.Add(new RuleError(path, $"{name} compares with a single value; use in for a list"));
                return false;
            case var _ when value.ValueKind == JsonValueKind.Null:
                errors.Add(new RuleError(path, $"{name} needs a value; to find customers without one use missing"));
                return false;
            default:
                items = [(value, path)];
                return true;
        }
    }
}
