using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>A well-known fact with an order — a number, a score or a date — read straight off <see cref="CustomerFacts"/>.</summary>
internal abstract class OrderedField<T>(string name, Func<CustomerFacts, T?> read) : RuleField(name)
    where T : struct, IComparable<T>
{
    public override IReadOnlyList<RuleOperator> Operators => RuleOperators.Ordered;

    public override bool HasValue(CustomerFacts customer) => read(customer).HasValue;

    public override string? Describe(CustomerFacts customer) => read(customer) is { } value ? Format(value) : null;

    public override Func<CustomerFacts, bool>? Compile(RuleOperator op, JsonElement value, string path, List<RuleError> errors) =>
        TryReadLiterals<T>(op, value, path, errors, TryRead, out var literals) && InOrder(op, literals, path, errors, Format)
            ? OrderedComparison.Build(op, read, literals)
            : null;

    protected abstract bool TryRead(JsonElement literal, out T value);

    protected abstract string Format(T value);
}
