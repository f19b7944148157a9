using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

/// <summary>Each kind of mistake in a definition, with the exact path of the bad part and what is allowed there.</summary>
public sealed class ParserErrorTests
{
    [Fact]
    public void Unknown_field_suggests_the_close_names()
    {
        var error = Rules.Error("""{ "all": [ { "field": "rfm.recncy", "op": "gte", "value": 4 } ] }""");

        Assert.Equal("$.all[0].field", error.Path);
        Assert.Equal("unknown field 'rfm.recncy' (did you mean rfm.recency?)", error.Message);
    }

    [Theory]
    [InlineData("recency", "rfm.recency")]
    [InlineData("lifetimevalue", "lifetimeValue")]
    [InlineData("attribute.vip", "attributes.vip")]
    [InlineData("surveys.nps", "survey.nps")]
    public void Unknown_field_finds_what_was_meant(string typed, string meant)
    {
        Assert.Contains(meant, Rules.Error(Rules.LeafJson(typed, "exists")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_with_nothing_close_lists_the_fields()
    {
        var error = Rules.Error(Rules.LeafJson("shoeSize", "exists"));

        Assert.StartsWith("unknown field 'shoeSize'; fields are acquisitionSource, country,", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("attributes.<path>, survey.<name>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_op_suggests_the_close_one_and_lists_what_the_field_takes()
    {
        var error = Rules.Error("""{ "any": [ { "field": "country", "op": "exists" }, { "field": "rfm.recency", "op": "gte4", "value": 4 } ] }""");

        Assert.Equal("$.any[1].op", error.Path);
        Assert.Equal(
            "unknown op 'gte4' (did you mean gte?); rfm.recency takes eq, ne, lt, lte, gt, gte, between, in, notIn, exists, missing",
            error.Message);
    }

    [Theory]
    [InlineData("rfm.recency", "startsWith", "\"4\"")]
    [InlineData("lifetimeValue", "contains", "1")]
    [InlineData("country", "gt", "\"DE\"")]
    [InlineData("consent", "eq", "\"email:marketing\"")]
    [InlineData("churnRisk", "contains", "\"hi\"")]
    public void An_op_the_field_does_not_support_is_refused_at_op(string field, string op, string value)
    {
        var error = Rules.Error(Rules.LeafJson(field, op, value));

        Assert.Equal("$.op", error.Path);
        Assert.StartsWith($"{op} does not apply to {field}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rfm.recency", "eq", "\"4\"", "$.value", "rfm.recency compares with whole numbers from 1 to 5, not \"4\"")]
    [InlineData("rfm.recency", "eq", "4.5", "$.value", "rfm.recency compares with whole numbers from 1 to 5, not 4.5")]
    [InlineData("rfm.recency", "gte", "7", "$.value", "rfm.recency compares with whole numbers from 1 to 5, not 7")]
    [InlineData("purchases", "lt", "-1", "$.value", "purchases compares with whole numbers from 0 up, not -1")]
    [InlineData("probabilityAlive", "gt", "1.5", "$.value", "probabilityAlive compares with numbers from 0 to 1, not 1.5")]
    [InlineData("lifetimeValue", "in", "[100, \"200\"]", "$.value[1]", "lifetimeValue compares with numbers, not \"200\"")]
    [InlineData("customerSince", "gte", "\"01/02/2024\"", "$.value", "customerSince compares with dates as yyyy-MM-dd, not \"01/02/2024\"")]
    [InlineData("country", "eq", "49", "$.value", "country compares with text, not 49")]
    [InlineData("country", "eq", "[\"DE\"]", "$.value", "eq compares with a single value; use in for a list")]
    [InlineData("country", "eq", "null", "$.value", "eq needs a value; to find customers without one use missing")]
    [InlineData("country", "in", "\"DE\"", "$.value", "in takes a list of values, e.g. [\"search\", \"social\"]")]
    [InlineData("country", "notIn", "[]", "$.value", "notIn needs at least one value in its list")]
    public void A_value_of_the_wrong_type_or_shape_says_what_the_field_compares_with(
        string field, string op, string value, string path, string message)
    {
        Assert.Equal(new RuleError(path, message), Rules.Error(Rules.LeafJson(field, op, value)));
    }

    [Theory]
    [InlineData("[100]")]
    [InlineData("[100, 200, 300]")]
    [InlineData("100")]
    public void Between_needs_two_values(string value)
    {
        Assert.Equal(
            new RuleError("$.all[0].value", "between takes two values [low, high], both inclusive"),
            Rules.Error($$"""{ "all": [ {{Rules.LeafJson("lifetimeValue", "between", value)}} ] }"""));
    }

    [Fact]
    public void Between_needs_its_values_in_order()
    {
        Assert.Equal(
            new RuleError("$.value", "between takes [low, high] with low ≤ high, not [1000, 100]"),
            Rules.Error(Rules.LeafJson("lifetimeValue", "between", "[1000, 100]")));
    }

    [Fact]
    public void Exists_and_missing_take_no_value_and_comparisons_need_one()
    {
        Assert.Equal(new RuleError("$.value", "exists takes no value; remove value"), Rules.Error(Rules.LeafJson("survey.nps", "exists", "true")));
        Assert.Equal(
            new RuleError("$.value", "gte needs a value: survey.nps compares with numbers"),
            Rules.Error("""{ "field": "survey.nps", "op": "gte" }"""));
    }

    [Fact]
    public void A_comparison_needs_field_and_op()
    {
        var errors = Rules.Errors("""{ "value": 3 }""");

        Assert.Equal(["$.field", "$.op"], errors.Select(error => error.Path));
    }

    [Fact]
    public void Field_and_op_must_be_text()
    {
        var errors = Rules.Errors("""{ "field": 3, "op": ["eq"], "value": 3 }""");

        Assert.Equal(["$.field", "$.op"], errors.Select(error => error.Path));
    }

    [Theory]
    [InlineData("""{ "all": [] }""", "$.all", "all needs at least one rule")]
    [InlineData("""{ "all": [ { "any": [] } ] }""", "$.all[0].any", "any needs at least one rule")]
    [InlineData("""{ "any": { "field": "country", "op": "exists" } }""", "$.any", "any takes a list of rules: {\"any\": [...]}")]
    [InlineData("""{ "not": [ { "field": "country", "op": "exists" } ] }""", "$.not", "not takes one rule: {\"not\": {...}}")]
    [InlineData("""{ "all": [ 3 ] }""", "$.all[0]", "a rule is an object: {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or {\"field\": ..., \"op\": ..., \"value\": ...}")]
    [InlineData("""{ }""", "$", "a rule needs all, any, not or field/op/value: {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or {\"field\": ..., \"op\": ..., \"value\": ...}")]
    public void Groups_need_their_shape(string json, string path, string message)
    {
        Assert.Equal(new RuleError(path, message), Rules.Error(json));
    }

    [Fact]
    public void A_node_may_not_be_two_things_at_once()
    {
        var error = Rules.Error("""{ "all": [ { "any": [ { "field": "country", "op": "exists" } ], "field": "country", "op": "exists" } ] }""");

        Assert.Equal("$.all[0]", error.Path);
        Assert.StartsWith("a rule is one of all, any, not or a comparison, but this one has any and comparison", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_refused_with_a_suggestion()
    {
        var error = Rules.Error("""{ "all": [ { "field": "rfm.recency", "op": "gte", "vale": 4, "value": 4 } ] }""");

        Assert.Equal(new RuleError("$.all[0].vale", "unknown key 'vale' (did you mean value?); a comparison has field, op and value"), error);
    }

    [Fact]
    public void Unknown_keys_that_are_not_identifiers_get_a_bracketed_path()
    {
        Assert.Equal("$['the note']", Rules.Error("""{ "the note": "x", "field": "country", "op": "exists" }""").Path);
    }

    [Fact]
    public void Repeated_keys_are_refused()
    {
        Assert.Equal("$.op", Rules.Error("""{ "field": "country", "op": "exists", "op": "missing" }""").Path);
    }

    [Fact]
    public void Nesting_deeper_than_ten_levels_is_refused_where_it_goes_too_deep()
    {
        var error = Rules.Error(Nested(nots: SegmentRuleParser.MaxDepth));

        Assert.Equal("$" + string.Concat(Enumerable.Repeat(".not", SegmentRuleParser.MaxDepth)), error.Path);
        Assert.Equal("rules nest at most 10 levels deep", error.Message);
        Assert.True(SegmentRuleParser.Parse(Rules.Json(Nested(nots: SegmentRuleParser.MaxDepth - 1))).IsValid);
    }

    /// <summary>A comparison under <paramref name="nots"/> levels of not.</summary>
    private static string Nested(int nots)
    {
        var json = Rules.LeafJson("country", "exists");
        for (var level = 0; level < nots; level++)
        {
            json = $$"""{ "not": {{json}} }""";
        }

        return json;
    }

    [Fact]
    public void More_than_two_hundred_nodes_are_refused_once_at_the_first_beyond_the_limit()
    {
        var leaves = string.Join(", ", Enumerable.Repeat(Rules.LeafJson("country", "exists"), 500));

        var error = Rules.Error($$"""{ "all": [ {{leaves}} ] }""");

        Assert.Equal("$.all[199]", error.Path);
        Assert.Equal("a rule has at most 200 comparisons and groups together", error.Message);
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var errors = Rules.Errors("""
            { "all": [
                { "field": "rfm.recency", "op": "gte", "value": 9 },
                { "any": [ { "field": "acquisitionSorce", "op": "in", "value": ["search"] },
                           { "field": "attributes.vip", "op": "equals", "value": true } ] },
                { "not": { "field": "consent", "op": "contains", "value": "email" } },
                { "field": "lifetimeValue", "op": "between", "value": [1000, 100] },
                { "field": "survey.nps", "op": "exists", "value": 1 } ] }
            """);

        Assert.Equal(
            ["$.all[0].value", "$.all[1].any[0].field", "$.all[1].any[1].op", "$.all[2].not.value", "$.all[3].value", "$.all[4].value"],
            errors.Select(error => error.Path));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"all\"")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{ "all": [ null, [], { "not": null } ] }""")]
    [InlineData("""{ "field": "attributes.x", "op": "in", "value": [ {}, [], null, 1e400 ] }""")]
    [InlineData("""{ "field": "lifetimeValue", "op": "eq", "value": 1e400 }""")]
    [InlineData("""{ "field": "probabilityAlive", "op": "between", "value": ["a", {}] }""")]
    public void Malformed_definitions_give_errors_not_exceptions(string json)
    {
        Assert.NotEmpty(Rules.Errors(json));
    }

    [Fact]
    public void An_empty_json_element_is_an_error_at_the_root()
    {
        Assert.Equal("$", Assert.Single(SegmentRuleParser.Parse(default).Errors).Path);
    }
}
