using System.Globalization;
using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>An amount of money (revenue, lifetime value, profit), compared exactly as a decimal; may be negative.</summary>
internal sealed class MoneyField(string name, Func<CustomerFacts, decimal?> read) : OrderedField<decimal>(name, read)
{
    public override string Expected => "numbers";

    protected override bool TryRead(JsonElement literal, out decimal value)
    {
        value = 0;
        return literal.ValueKind == JsonValueKind.Number && literal.TryGetDecimal(out value);
    }

    protected override string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
