using System.Globalization;
using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// A dotted path into the customer's free-form attributes (<c>attributes.address.city</c>). Its type is known only per
/// customer, so the literal decides the comparison: numbers compare as numbers, true/false as booleans, ISO dates
/// (<c>yyyy-MM-dd</c>) as the day of the customer's date or date-time text, other text as text. Ordering text that is not
/// a date is refused. A customer whose value is of another kind simply does not match.
/// </summary>
internal sealed class AttributeField(string name, string[] segments) : RuleField(name)
{
    private static readonly OrderedLiterals<double> Numbers = new(
        "finite numbers",
        (JsonElement literal, out double value) => literal.TryGetDouble(out value) && double.IsFinite(value),
        number => number.ToString(CultureInfo.InvariantCulture));

    // Ordering text literals are dates: ISO dates order correctly, and ordering other text is rarely what was meant.
    private static readonly OrderedLiterals<DateOnly> Dates = new(
        $"dates as {DateField.IsoFormat}",
        (JsonElement literal, out DateOnly value) => DateField.TryParse(literal.GetString(), out value),
        date => date.ToString(DateField.IsoFormat, CultureInfo.InvariantCulture));

    public override string Expected => "numbers, text, true or false";

    public override IReadOnlyList<RuleOperator> Operators { get; } = Enum.GetValues<RuleOperator>();

    public override bool HasValue(CustomerFacts customer) => Find(customer) is not null;

    public override string? Describe(CustomerFacts customer) =>
        Find(customer) is { } value ? LiteralText.Shortened(value.GetRawText()) : null;

    public override Func<CustomerFacts, bool>? Compile(RuleOperator op, JsonElement value, string path, List<RuleError> errors)
    {
        if (!ComparisonValues.TryItems(op, value, path, errors, out var items) || !SameKind(op, items, errors))
        {
            return null;
        }

        var kind = items[0].Literal.ValueKind;
        return (op, kind) switch
        {
            (RuleOperator.Contains, JsonValueKind.Number) => ListHoldsNumber(items[0].Literal.GetDouble()),
            (RuleOperator.Contains, _) => TextOrListHoldsText(items[0].Literal.GetString()!),
            (_, JsonValueKind.Number) => CompileOrdered(op, items, path, errors, Numbers, Number),
            (RuleOperator.Lt or RuleOperator.Lte or RuleOperator.Gt or RuleOperator.Gte or RuleOperator.Between, _) =>
                CompileOrdered(op, items, path, errors, Dates, Date),
            (RuleOperator.Eq or RuleOperator.Ne or RuleOperator.In or RuleOperator.NotIn, JsonValueKind.String)
                when items.All(item => DateField.TryParse(item.Literal.GetString(), out _)) =>
                CompileOrdered(op, items, path, errors, Dates, Date),
            (_, JsonValueKind.String) => TextComparison.Build(op, Text, [.. items.Select(item => item.Literal.GetString()!)]),
            _ => OrderedComparison.Build(op, Boolean, [.. items.Select(item => item.Literal.ValueKind == JsonValueKind.True)]),
        };
    }

    /// <summary>False, after adding errors, unless every literal is of one kind this operator can compare an attribute with.</summary>
    private static bool SameKind(RuleOperator op, (JsonElement Literal, string Path)[] items, List<RuleError> errors)
    {
        var (kinds, described) = op switch
        {
            RuleOperator.Eq or RuleOperator.Ne =>
                (new[] { JsonValueKind.Number, JsonValueKind.String, JsonValueKind.True, JsonValueKind.False }, "a number, text, true or false"),
            RuleOperator.StartsWith => ([JsonValueKind.String], "text"),
            RuleOperator.In or RuleOperator.NotIn or RuleOperator.Contains => ([JsonValueKind.Number, JsonValueKind.String], "numbers or text"),
            _ => ([JsonValueKind.Number, JsonValueKind.String], "numbers or dates as yyyy-MM-dd"),
        };
        var first = items[0].Literal.ValueKind;
        var ok = true;
        foreach (var (literal, path) in items)
        {
            if (!kinds.Contains(literal.ValueKind))
            {
                errors.Add(new RuleError(path, $"{RuleOperators.Name(op)} on an attribute compares with {described}, not {LiteralText.Of(literal)}"));
                ok = false;
            }
            else if (literal.ValueKind != first)
            {
                errors.Add(new RuleError(path, $"{RuleOperators.Name(op)} on an attribute takes values of one kind, all numbers or all text"));
                ok = false;
            }
        }

        return ok;
    }

    private Func<CustomerFacts, bool>? CompileOrdered<T>(
        RuleOperator op, (JsonElement Literal, string Path)[] items, string path, List<RuleError> errors,
        OrderedLiterals<T> kind, Func<CustomerFacts, T?> actual)
        where T : struct, IComparable<T>
    {
        var literals = new T[items.Length];
        var ok = true;
        for (var i = 0; i < items.Length; i++)
        {
            if (!kind.Read(items[i].Literal, out literals[i]))
            {
                errors.Add(new RuleError(items[i].Path, $"{RuleOperators.Name(op)} on an attribute compares with {kind.Expected}, not {LiteralText.Of(items[i].Literal)}"));
                ok = false;
            }
        }

        return ok && InOrder(op, literals, path, errors, kind.Format)
            ? OrderedComparison.Build(op, actual, literals)
            : null;
    }

    private JsonElement? Find(CustomerFacts customer)
    {
        if (customer.Attributes is not { } node)
        {
            return null;
        }

        foreach (var segment in segments)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Null ? null : node;
    }

    private double? Number(CustomerFacts customer) =>
        Find(customer) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) ? number : null;

    private string? Text(CustomerFacts customer) =>
        Find(customer) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private bool? Boolean(CustomerFacts customer) => Find(customer)?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>The day of an ISO date or date-time text (<c>2024-03-01</c>, <c>2024-03-01T10:00:00Z</c>).</summary>
    private DateOnly? Date(CustomerFacts customer) =>
        Text(customer) is { Length: >= 10 } text && (text.Length == 10 || text[10] is 'T' or 't' or ' ')
            && DateField.TryParse(text[..10], out var date)
            ? date
            : null;

    private Func<CustomerFacts, bool> ListHoldsNumber(double wanted) => customer =>
    {
        if (Find(customer) is not { ValueKind: JsonValueKind.Array } list)
        {
            return false;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out var number) && number == wanted)
            {
                return true;
            }
        }

        return false;
    };

    private Func<CustomerFacts, bool> TextOrListHoldsText(string wanted) => customer =>
    {
        switch (Find(customer))
        {
            case { ValueKind: JsonValueKind.String } text:
                return text.GetString()!.Contains(wanted, StringComparison.OrdinalIgnoreCase);
            case { ValueKind: JsonValueKind.Array } list:
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && string.Equals(item.GetString(), wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    };
}
