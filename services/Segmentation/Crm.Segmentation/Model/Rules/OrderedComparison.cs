namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// Comparisons of values with an order (numbers, dates; true/false for eq and ne only). Generic over a struct so the
/// JIT compiles each comparison for the field's own type, with no boxing per customer.
/// </summary>
internal static class OrderedComparison
{
    public static Func<CustomerFacts, bool> Build<T>(RuleOperator op, Func<CustomerFacts, T?> read, T[] literals)
        where T : struct, IComparable<T>
    {
        var first = literals[0];
        switch (op)
        {
            case RuleOperator.Eq:
                return customer => read(customer) is { } value && value.CompareTo(first) == 0;
            case RuleOperator.Ne:
                return customer => read(customer) is { } value && value.CompareTo(first) != 0;
            case RuleOperator.Lt:
                return customer => read(customer) is { } value && value.CompareTo(first) < 0;
            case RuleOperator.Lte:
                return customer => read(customer) is { } value && value.CompareTo(first) <= 0;
            case RuleOperator.Gt:
                return customer => read(customer) is { } value && value.CompareTo(first) > 0;
            case RuleOperator.Gte:
                return customer => read(customer) is { } value && value.CompareTo(first) >= 0;
            case RuleOperator.Between:
                var high = literals[1];
                return customer => read(customer) is { } value && value.CompareTo(first) >= 0 && value.CompareTo(high) <= 0;
            case RuleOperator.In:
                var any = literals.ToHashSet();
                return customer => read(customer) is { } value && any.Contains(value);
            case RuleOperator.NotIn:
                var none = literals.ToHashSet();
                return customer => read(customer) is { } value && !none.Contains(value);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "Not an ordered comparison.");
        }
    }
}
