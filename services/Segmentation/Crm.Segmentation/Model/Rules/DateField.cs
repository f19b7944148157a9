using System.Globalization;
using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>A calendar date fact; definitions write dates as ISO <c>yyyy-MM-dd</c> text.</summary>
internal sealed class DateField(string name, Func<CustomerFacts, DateOnly?> read) : OrderedField<DateOnly>(name, read)
{
    public const string IsoFormat = "yyyy-MM-dd";

    public override string Expected => $"dates as {IsoFormat}";

    protected override bool TryRead(JsonElement literal, out DateOnly value)
    {
        value = default;
        return literal.ValueKind == JsonValueKind.String && TryParse(literal.GetString(), out value);
    }

    protected override string Format(DateOnly value) => value.ToString(IsoFormat, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text, IsoFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
}
