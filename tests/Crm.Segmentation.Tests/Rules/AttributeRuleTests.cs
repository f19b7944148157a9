using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

public sealed class AttributeRuleTests
{
    private static readonly CustomerFacts Customer = new()
    {
        Attributes = Rules.Json("""
            {
              "vip": true,
              "newsletter": false,
              "nickname": null,
              "pets": 2,
              "address": { "city": "Berlin", "zip": "10115", "floor": 3 },
              "interests": ["Cycling", "running"],
              "shoeSizes": [42, 43.5],
              "birthday": "1990-05-17",
              "note": "prefers evening calls"
            }
            """),
    };

    [Theory]
    [InlineData("attributes.vip", "eq", "true", true)]
    [InlineData("attributes.vip", "eq", "false", false)]
    [InlineData("attributes.vip", "ne", "false", true)]
    [InlineData("attributes.newsletter", "eq", "false", true)]
    [InlineData("attributes.pets", "eq", "2", true)]
    [InlineData("attributes.pets", "gt", "1.5", true)]
    [InlineData("attributes.pets", "in", "[1, 2]", true)]
    [InlineData("attributes.address.city", "eq", "\"berlin\"", true)]
    [InlineData("attributes.address.city", "in", "[\"Hamburg\", \"Munich\"]", false)]
    [InlineData("attributes.address.city", "startsWith", "\"Ber\"", true)]
    [InlineData("attributes.address.floor", "between", "[1, 3]", true)]
    [InlineData("attributes.interests", "contains", "\"cycling\"", true)]
    [InlineData("attributes.interests", "contains", "\"swimming\"", false)]
    [InlineData("attributes.shoeSizes", "contains", "43.5", true)]
    [InlineData("attributes.shoeSizes", "contains", "44", false)]
    [InlineData("attributes.note", "contains", "\"EVENING\"", true)]
    [InlineData("attributes.birthday", "lt", "\"2000-01-01\"", true)]
    [InlineData("attributes.birthday", "between", "[\"1990-01-01\", \"1990-12-31\"]", true)]
    public void Attribute_comparisons_follow_the_literal_kind(string field, string op, string value, bool holds)
    {
        Assert.Equal(holds, Rules.Leaf(field, op, value).Evaluate(Customer));
    }

    [Theory]
    [InlineData("attributes.address.country")]
    [InlineData("attributes.address.city.district")]
    [InlineData("attributes.employer.name")]
    [InlineData("attributes.nickname")]
    public void Absent_paths_through_non_objects_and_json_null_are_missing(string field)
    {
        Assert.True(Rules.Leaf(field, "missing").Evaluate(Customer));
        Assert.False(Rules.Leaf(field, "exists").Evaluate(Customer));
        Assert.False(Rules.Leaf(field, "ne", "\"x\"").Evaluate(Customer));
        Assert.False(Rules.Leaf(field, "notIn", "[1]").Evaluate(Customer));
    }

    [Theory]
    [InlineData("attributes.address.zip", "eq", "10115")]
    [InlineData("attributes.address.zip", "ne", "10115")]
    [InlineData("attributes.address.zip", "gt", "0")]
    [InlineData("attributes.pets", "eq", "\"2\"")]
    [InlineData("attributes.pets", "ne", "\"2\"")]
    [InlineData("attributes.pets", "startsWith", "\"2\"")]
    [InlineData("attributes.vip", "eq", "\"true\"")]
    [InlineData("attributes.vip", "ne", "1")]
    [InlineData("attributes.address", "eq", "\"Berlin\"")]
    [InlineData("attributes.interests", "eq", "\"Cycling\"")]
    [InlineData("attributes.note", "lt", "\"2000-01-01\"")]
    [InlineData("attributes.pets", "contains", "2")]
    public void A_value_of_the_wrong_json_kind_matches_no_comparison(string field, string op, string value)
    {
        Assert.False(Rules.Leaf(field, op, value).Evaluate(Customer));
        Assert.True(Rules.Leaf(field, "exists").Evaluate(Customer));
    }

    [Fact]
    public void Customers_without_attributes_or_with_a_non_object_have_every_attribute_missing()
    {
        var rule = Rules.Leaf("attributes.vip", "missing");

        Assert.True(rule.Evaluate(new CustomerFacts()));
        Assert.True(rule.Evaluate(new CustomerFacts { Attributes = Rules.Json("[1, 2]") }));
        Assert.True(rule.Evaluate(new CustomerFacts { Attributes = Rules.Json("null") }));
        Assert.True(rule.Evaluate(new CustomerFacts { Attributes = default(System.Text.Json.JsonElement) }));
    }

    [Theory]
    [InlineData("lt", "\"soon\"", "$.value")]
    [InlineData("in", "[1, \"two\"]", "$.value[1]")]
    [InlineData("in", "[true]", "$.value[0]")]
    [InlineData("startsWith", "1", "$.value")]
    [InlineData("eq", "{ \"a\": 1 }", "$.value")]
    [InlineData("between", "[10, 1]", "$.value")]
    public void Attribute_literals_that_compare_with_nothing_are_refused(string op, string value, string path)
    {
        Assert.Equal(path, Rules.Error(Rules.LeafJson("attributes.score", op, value)).Path);
    }

    [Theory]
    [InlineData("attributes.")]
    [InlineData("attributes.a..b")]
    [InlineData("attributes")]
    public void Attribute_paths_need_a_name_at_every_level(string field)
    {
        var error = Rules.Error(Rules.LeafJson(field, "exists"));

        Assert.Equal("$.field", error.Path);
        Assert.Contains("attributes.", error.Message, StringComparison.Ordinal);
    }
}
