using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

public sealed class CombinationTests
{
    /// <summary>The example definition of the segment rule language.</summary>
    public const string Example = """
        { "all": [
            { "field": "rfm.recency", "op": "gte", "value": 4 },
            { "any": [ { "field": "acquisitionSource", "op": "in", "value": ["search", "social"] },
                       { "field": "attributes.vip", "op": "eq", "value": true } ] },
            { "not": { "field": "consent", "op": "contains", "value": "email:marketing" } },
            { "field": "lifetimeValue", "op": "between", "value": [100, 1000] },
            { "field": "survey.nps", "op": "exists" } ] }
        """;

    public static CustomerFacts Member() => new()
    {
        Recency = 5,
        AcquisitionSource = "referral",
        Attributes = Rules.Json("""{ "vip": true }"""),
        Consents = new HashSet<string> { "sms:marketing" },
        LifetimeValue = 450m,
        SurveyScores = new Dictionary<string, double> { ["nps"] = 8 },
    };

    [Fact]
    public void A_customer_meeting_every_part_is_in_the_segment()
    {
        Assert.True(Rules.Compile(Example).Evaluate(Member()));
    }

    [Theory]
    [InlineData("recency")]
    [InlineData("source and vip")]
    [InlineData("consent")]
    [InlineData("value")]
    [InlineData("survey")]
    public void Failing_any_part_of_all_keeps_the_customer_out(string part)
    {
        var customer = Member();
        switch (part)
        {
            case "recency": customer.Recency = 3; break;
            case "source and vip": customer.Attributes = Rules.Json("""{ "vip": false }"""); break;
            case "consent": customer.Consents = new HashSet<string> { "email:marketing" }; break;
            case "value": customer.LifetimeValue = null; break;
            default: customer.SurveyScores = new Dictionary<string, double>(); break;
        }

        Assert.False(Rules.Compile(Example).Evaluate(customer));
    }

    [Fact]
    public void Any_holds_through_either_branch()
    {
        var rule = Rules.Compile(Example);
        var bySource = Member();
        bySource.AcquisitionSource = "Social";
        bySource.Attributes = null;

        Assert.True(rule.Evaluate(bySource));
    }

    [Fact]
    public void Not_of_a_comparison_on_a_missing_value_holds()
    {
        var rule = Rules.Compile("""{ "not": { "field": "rfm.recency", "op": "gte", "value": 4 } }""");

        Assert.True(rule.Evaluate(new CustomerFacts()));
        Assert.False(rule.Evaluate(new CustomerFacts { Recency = 4 }));
    }

    [Fact]
    public void Double_negation_is_the_comparison_itself()
    {
        var rule = Rules.Compile("""{ "not": { "not": { "field": "country", "op": "eq", "value": "DE" } } }""");

        Assert.True(rule.Evaluate(new CustomerFacts { Country = "de" }));
        Assert.False(rule.Evaluate(new CustomerFacts()));
    }

    [Fact]
    public void Groups_of_one_are_their_only_rule()
    {
        Assert.True(Rules.Compile("""{ "any": [ { "all": [ { "field": "purchases", "op": "gt", "value": 0 } ] } ] }""")
            .Evaluate(new CustomerFacts { Purchases = 1 }));
    }

    [Fact]
    public void Fields_lists_every_field_the_rule_reads_once()
    {
        var fields = Rules.Compile(Example).Fields;

        Assert.Equal(
            ["acquisitionSource", "attributes.vip", "consent", "lifetimeValue", "rfm.recency", "survey.nps"],
            fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void One_compiled_rule_gives_the_same_answers_from_many_threads()
    {
        var rule = Rules.Compile(Example);
        var member = Member();
        var outsider = new CustomerFacts();

        var answers = Enumerable.Range(0, 10_000).AsParallel().Select(i => rule.Evaluate(i % 2 == 0 ? member : outsider)).ToArray();

        Assert.All(answers.Where((_, i) => i % 2 == 0), Assert.True);
        Assert.All(answers.Where((_, i) => i % 2 == 1), Assert.False);
    }
}
