using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// A text fact. With <paramref name="codes"/> it is a closed list (churn-risk bands): only equality tests apply and a
/// literal outside the list is refused, since it would match nobody.
/// </summary>
internal sealed class TextField(string name, Func<CustomerFacts, string?> read, IReadOnlyList<string>? codes = null)
    : RuleField(name)
{
    private static readonly IReadOnlyList<RuleOperator> CodeOperators =
        [RuleOperator.Eq, RuleOperator.Ne, RuleOperator.In, RuleOperator.NotIn, RuleOperator.Exists, RuleOperator.Missing];

    public override string Expected => codes is null ? "text" : $"one of {string.Join(", ", codes)}";

    public override IReadOnlyList<RuleOperator> Operators => codes is null ? RuleOperators.Text : CodeOperators;

    public override bool HasValue(CustomerFacts customer) => read(customer) is not null;

    public override string? Describe(CustomerFacts customer) => read(customer);

    public override Func<CustomerFacts, bool>? Compile(RuleOperator op, JsonElement value, string path, List<RuleError> errors) =>
        TryReadLiterals<string>(op, value, path, errors, TryRead, out var literals) ? TextComparison.Build(op, read, literals) : null;

    private bool TryRead(JsonElement literal, out string value)
    {
        value = literal.ValueKind == JsonValueKind.String ? literal.GetString()! : "";
        return literal.ValueKind == JsonValueKind.String
            && (codes is null || codes.Contains(value, StringComparer.OrdinalIgnoreCase));
    }
}
