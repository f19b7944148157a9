using System.Globalization;
using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>A measured number — a probability, a survey score — optionally bounded so impossible literals are refused.</summary>
internal sealed class NumberField(string name, Func<CustomerFacts, double?> read, double? min = null, double? max = null)
    : OrderedField<double>(name, read)
{
    public override string Expected => (min, max) switch
    {
        ({ } low, { } high) => $"numbers from {Format(low)} to {Format(high)}",
        _ => "numbers",
    };

    protected override bool TryRead(JsonElement literal, out double value)
    {
        value = 0;
        return literal.ValueKind == JsonValueKind.Number && literal.TryGetDouble(out value) && double.IsFinite(value)
            && value >= (min ?? double.MinValue) && value <= (max ?? double.MaxValue);
    }

    protected override string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
