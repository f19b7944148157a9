using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

/// <summary>Every text operator on every free-text field; each customer below holds "Search" in the field.</summary>
public sealed class TextFieldTests
{
    public static TheoryData<string> Fields() =>
        ["acquisitionSource", "country", "rfm.segment", "valueTier", "loyaltyTier", "attributes.channel"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Text_operators_compare_ignoring_case(string field)
    {
        var customer = HoldingSearch();
        (string Op, string Value, bool Holds)[] table =
        [
            ("eq", "\"search\"", true), ("eq", "\"social\"", false),
            ("ne", "\"social\"", true), ("ne", "\"SEARCH\"", false),
            ("in", "[\"social\", \"search\"]", true), ("in", "[\"social\"]", false),
            ("notIn", "[\"social\"]", true), ("notIn", "[\"social\", \"Search\"]", false),
            ("contains", "\"EAR\"", true), ("contains", "\"x\"", false),
            ("startsWith", "\"se\"", true), ("startsWith", "\"ear\"", false),
        ];

        foreach (var (op, value, holds) in table)
        {
            Assert.True(holds == Rules.Leaf(field, op, value).Evaluate(customer), $"{field} {op} {value}");
            Assert.False(Rules.Leaf(field, op, value).Evaluate(new CustomerFacts()), $"{field} {op} {value} on a missing value");
        }

        Assert.True(Rules.Leaf(field, "exists").Evaluate(customer));
        Assert.True(Rules.Leaf(field, "missing").Evaluate(new CustomerFacts()));
    }

    [Fact]
    public void Churn_risk_takes_only_its_bands()
    {
        var rule = Rules.Leaf("churnRisk", "in", """["medium", "HIGH"]""");

        Assert.True(rule.Evaluate(new CustomerFacts { ChurnRisk = "high" }));
        Assert.False(rule.Evaluate(new CustomerFacts { ChurnRisk = "low" }));
        Assert.True(Rules.Leaf("churnRisk", "ne", "\"low\"").Evaluate(new CustomerFacts { ChurnRisk = "medium" }));
    }

    [Fact]
    public void Churn_risk_refuses_a_band_that_does_not_exist()
    {
        var error = Rules.Error(Rules.LeafJson("churnRisk", "eq", "\"severe\""));

        Assert.Equal("$.value", error.Path);
        Assert.Contains("low, medium, high", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_text_is_a_value_not_a_missing_one()
    {
        Assert.True(Rules.Leaf("country", "exists").Evaluate(new CustomerFacts { Country = "" }));
        Assert.True(Rules.Leaf("country", "ne", "\"DE\"").Evaluate(new CustomerFacts { Country = "" }));
    }

    private static CustomerFacts HoldingSearch() => new()
    {
        AcquisitionSource = "Search",
        Country = "Search",
        RfmSegment = "Search",
        ValueTier = "Search",
        LoyaltyTier = "Search",
        Attributes = Rules.Json("""{ "channel": "Search" }"""),
    };
}
