using System.Globalization;
using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>A whole-number fact such as an RFM score or a purchase count; literals outside its range match nobody, so are refused.</summary>
internal sealed class IntegerField(string name, Func<CustomerFacts, int?> read, int min, int? max = null)
    : OrderedField<int>(name, read)
{
    public override string Expected => max is { } top ? $"whole numbers from {min} to {top}" : $"whole numbers from {min} up";

    protected override bool TryRead(JsonElement literal, out int value)
    {
        value = 0;
        return literal.ValueKind == JsonValueKind.Number && literal.TryGetInt32(out value) && value >= min && value <= (max ?? int.MaxValue);
    }

    protected override string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
