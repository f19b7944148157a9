using System.Globalization;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

/// <summary>
/// Every ordering operator on every field with an order. Each customer below holds "3" in the field's own terms
/// (score 3, amount 3, probability 0.3, 3 January 2024), and literals are written in the same terms.
/// </summary>
public sealed class OrderedFieldTests
{
    private static readonly (string Op, int[] Literals, bool Holds)[] Table =
    [
        ("eq", [3], true), ("eq", [4], false),
        ("ne", [4], true), ("ne", [3], false),
        ("lt", [4], true), ("lt", [3], false),
        ("lte", [3], true), ("lte", [2], false),
        ("gt", [2], true), ("gt", [3], false),
        ("gte", [3], true), ("gte", [4], false),
        ("between", [3, 5], true), ("between", [1, 3], true), ("between", [4, 5], false), ("between", [1, 2], false),
        ("in", [1, 3], true), ("in", [4, 5], false),
        ("notIn", [4, 5], true), ("notIn", [2, 3], false),
    ];

    private static readonly Dictionary<string, Func<int, string>> LiteralOf = new()
    {
        ["rfm.recency"] = Number,
        ["rfm.frequency"] = Number,
        ["rfm.monetary"] = Number,
        ["daysSinceLastPurchase"] = Number,
        ["purchases"] = Number,
        ["revenue"] = n => $"{n}.00",
        ["lifetimeValue"] = Number,
        ["profit"] = Number,
        ["probabilityAlive"] = n => $"0.{n}",
        ["customerSince"] = Date,
        ["survey.nps"] = Number,
        ["attributes.score"] = Number,
        ["attributes.profile.joined"] = Date,
    };

    public static TheoryData<string, string, string, bool> Cases()
    {
        var cases = new TheoryData<string, string, string, bool>();
        foreach (var (field, op, value, holds) in EveryFieldAndOperator())
        {
            cases.Add(field, op, value, holds);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Comparison_on_a_present_value_compares_in_the_fields_own_type(string field, string op, string value, bool holds)
    {
        Assert.Equal(holds, Rules.Leaf(field, op, value).Evaluate(HoldingThree()));
    }

    public static TheoryData<string, string, string> ComparisonsOfEveryField()
    {
        var comparisons = new TheoryData<string, string, string>();
        foreach (var (field, op, value, _) in EveryFieldAndOperator())
        {
            comparisons.Add(field, op, value);
        }

        return comparisons;
    }

    [Theory]
    [MemberData(nameof(ComparisonsOfEveryField))]
    public void Comparison_on_a_missing_value_never_holds_not_even_ne_or_notIn(string field, string op, string value)
    {
        Assert.False(Rules.Leaf(field, op, value).Evaluate(new CustomerFacts()));
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Exists_and_missing_tell_whether_the_customer_has_a_value(string field)
    {
        Assert.True(Rules.Leaf(field, "exists").Evaluate(HoldingThree()));
        Assert.False(Rules.Leaf(field, "missing").Evaluate(HoldingThree()));
        Assert.False(Rules.Leaf(field, "exists").Evaluate(new CustomerFacts()));
        Assert.True(Rules.Leaf(field, "missing").Evaluate(new CustomerFacts()));
    }

    public static TheoryData<string> FieldNames() => [.. LiteralOf.Keys];

    [Fact]
    public void Money_compares_exactly_so_a_cent_below_the_threshold_fails()
    {
        var rule = Rules.Leaf("lifetimeValue", "gte", "100.10");

        Assert.False(rule.Evaluate(new CustomerFacts { LifetimeValue = 100.09m }));
        Assert.True(rule.Evaluate(new CustomerFacts { LifetimeValue = 100.1m }));
    }

    [Fact]
    public void Negative_profit_compares_below_zero()
    {
        Assert.True(Rules.Leaf("profit", "lt", "0").Evaluate(new CustomerFacts { Profit = -12.5m }));
    }

    private static IEnumerable<(string Field, string Op, string Value, bool Holds)> EveryFieldAndOperator() =>
        from field in LiteralOf
        from row in Table
        select (field.Key, row.Op, Value(row.Op, row.Literals, field.Value), row.Holds);

    private static string Value(string op, int[] literals, Func<int, string> literal) =>
        op is "between" or "in" or "notIn" ? $"[{string.Join(", ", literals.Select(literal))}]" : literal(literals[0]);

    private static CustomerFacts HoldingThree() => new()
    {
        Recency = 3,
        Frequency = 3,
        Monetary = 3,
        DaysSinceLastPurchase = 3,
        Purchases = 3,
        Revenue = 3m,
        LifetimeValue = 3.0m,
        Profit = 3m,
        ProbabilityAlive = 0.3,
        CustomerSince = new DateOnly(2024, 1, 3),
        SurveyScores = new Dictionary<string, double> { ["nps"] = 3 },
        Attributes = Rules.Json("""{ "score": 3, "profile": { "joined": "2024-01-03T09:30:00Z" } }"""),
    };

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Date(int day) => $"\"2024-01-{day:00}\"";
}
