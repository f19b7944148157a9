namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// Comparisons of text, ordinal and ignoring case: codes such as sources, countries and tiers arrive from events and
/// definitions in whatever case their authors typed, and a segment that silently matches nobody is worse than a loose one.
/// </summary>
internal static class TextComparison
{
    private static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static Func<CustomerFacts, bool> Build(RuleOperator op, Func<CustomerFacts, string?> read, string[] literals)
    {
        var first = literals[0];
        switch (op)
        {
            case RuleOperator.Eq:
                return customer => read(customer) is { } value && Comparer.Equals(value, first);
            case RuleOperator.Ne:
                return customer => read(customer) is { } value && !Comparer.Equals(value, first);
            case RuleOperator.Contains:
                return customer => read(customer) is { } value && value.Contains(first, StringComparison.OrdinalIgnoreCase);
            case RuleOperator.StartsWith:
                return customer => read(customer) is { } value && value.StartsWith(first, StringComparison.OrdinalIgnoreCase);
            case RuleOperator.In:
                var any = literals.ToHashSet(Comparer);
                return customer => read(customer) is { } value && any.Contains(value);
            case RuleOperator.NotIn:
                var none = literals.ToHashSet(Comparer);
                return customer => read(customer) is { } value && !none.Contains(value);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "Not a text comparison.");
        }
    }
}
