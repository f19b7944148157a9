using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// Something a rule can compare: a well-known fact, a survey score or an attribute path. It validates a comparison's
/// literals against its own type and compiles the comparison to a closure that reads the fact directly.
/// </summary>
internal abstract class RuleField(string name)
{
    public string Name { get; } = name;

    /// <summary>What the field compares with, for messages: "whole numbers from 1 to 5".</summary>
    public abstract string Expected { get; }

    public abstract IReadOnlyList<RuleOperator> Operators { get; }

    /// <summary>False when the customer's value is missing (see <see cref="ParsedRule"/>).</summary>
    public abstract bool HasValue(CustomerFacts customer);

    /// <summary>The customer's value as an explanation shows it; null when missing.</summary>
    public abstract string? Describe(CustomerFacts customer);

    /// <summary>The closure of a comparison with a value, or null after adding what is wrong with the value.</summary>
    public abstract Func<CustomerFacts, bool>? Compile(RuleOperator op, JsonElement value, string path, List<RuleError> errors);

    public Func<CustomerFacts, bool> CompilePresence(RuleOperator op) =>
        op == RuleOperator.Exists ? HasValue : customer => !HasValue(customer);

    protected bool TryReadLiterals<T>(
        RuleOperator op, JsonElement value, string path, List<RuleError> errors, LiteralReader<T> read, out T[] literals)
    {
        literals = [];
        if (!ComparisonValues.TryItems(op, value, path, errors, out var items))
        {
            return false;
        }

        var parsed = new T[items.Length];
        var ok = true;
        for (var i = 0; i < items.Length; i++)
        {
            if (!read(items[i].Literal, out parsed[i]))
            {
                errors.Add(new RuleError(items[i].Path, $"{Name} compares with {Expected}, not {LiteralText.Of(items[i].Literal)}"));
                ok = false;
            }
        }

        literals = parsed;
        return ok;
    }

    /// <summary>False, after adding an error, when <c>between</c>'s low is above its high: no customer could match.</summary>
    protected static bool InOrder<T>(RuleOperator op, T[] literals, string path, List<RuleError> errors, Func<T, string> format)
        where T : IComparable<T>
    {
        if (op != RuleOperator.Between || literals[0].CompareTo(literals[1]) <= 0)
        {
            return true;
        }

        errors.Add(new RuleError(path, $"between takes [low, high] with low ≤ high, not [{format(literals[0])}, {format(literals[1])}]"));
        return false;
    }
}
