using System.Text.Json;
using Crm.Contracts.Customers;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// The set of granted consents. It is missing when empty: a customer who granted nothing has no consent to test.
/// Literals for known channels and purposes are respelled as the consent events spell them (<c>postalMail</c>), so
/// the lookup does not depend on how the definition's author typed them.
/// </summary>
internal sealed class ConsentField() : RuleField("consent")
{
    public override string Expected => "consents as channel:purpose, e.g. email:marketing";

    public override IReadOnlyList<RuleOperator> Operators { get; } =
        [RuleOperator.Contains, RuleOperator.Exists, RuleOperator.Missing];

    public override bool HasValue(CustomerFacts customer) => customer.Consents.Count > 0;

    public override string? Describe(CustomerFacts customer) =>
        customer.Consents.Count == 0 ? null : string.Join(", ", customer.Consents.Order(StringComparer.Ordinal));

    public override Func<CustomerFacts, bool>? Compile(RuleOperator op, JsonElement value, string path, List<RuleError> errors)
    {
        if (!TryReadLiterals<string>(op, value, path, errors, TryRead, out var literals))
        {
            return null;
        }

        var consent = literals[0];
        return customer => customer.Consents.Contains(consent);
    }

    private static bool TryRead(JsonElement literal, out string value)
    {
        value = "";
        var text = literal.ValueKind == JsonValueKind.String ? literal.GetString()! : "";
        if (text.Any(char.IsWhiteSpace) || text.Split(':') is not [{ Length: > 0 } channel, { Length: > 0 } purpose])
        {
            return false;
        }

        value = $"{AsSpelled(channel, ContactChannels.All)}:{AsSpelled(purpose, ContactPurposes.All)}";
        return true;
    }

    // Channels are strings in events so new ones are additive; an unknown one is kept as typed.
    private static string AsSpelled(string typed, IReadOnlyList<string> known) =>
        known.FirstOrDefault(name => string.Equals(name, typed, StringComparison.OrdinalIgnoreCase)) ?? typed;
}
