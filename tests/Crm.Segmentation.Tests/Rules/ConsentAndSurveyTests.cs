using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

public sealed class ConsentAndSurveyTests
{
    private static readonly CustomerFacts Consenting = new()
    {
        Consents = new HashSet<string> { "email:marketing", "postalMail:service" },
    };

    [Fact]
    public void Consent_contains_holds_only_for_a_granted_channel_and_purpose()
    {
        Assert.True(Rules.Leaf("consent", "contains", "\"email:marketing\"").Evaluate(Consenting));
        Assert.False(Rules.Leaf("consent", "contains", "\"sms:marketing\"").Evaluate(Consenting));
        Assert.False(Rules.Leaf("consent", "contains", "\"email:surveys\"").Evaluate(Consenting));
    }

    [Fact]
    public void Consent_literals_are_respelled_as_the_events_spell_known_channels_and_purposes()
    {
        Assert.True(Rules.Leaf("consent", "contains", "\"POSTALMAIL:Service\"").Evaluate(Consenting));
    }

    [Fact]
    public void A_customer_who_granted_nothing_has_missing_consent()
    {
        Assert.False(Rules.Leaf("consent", "contains", "\"email:marketing\"").Evaluate(new CustomerFacts()));
        Assert.True(Rules.Leaf("consent", "missing").Evaluate(new CustomerFacts()));
        Assert.True(Rules.Leaf("consent", "exists").Evaluate(Consenting));
    }

    [Fact]
    public void Not_contains_finds_customers_without_a_consent()
    {
        var rule = Rules.Compile("""{ "not": { "field": "consent", "op": "contains", "value": "email:marketing" } }""");

        Assert.False(rule.Evaluate(Consenting));
        Assert.True(rule.Evaluate(new CustomerFacts()));
    }

    [Theory]
    [InlineData("\"email\"")]
    [InlineData("\"email:\"")]
    [InlineData("\"email: marketing\"")]
    [InlineData("3")]
    public void Consent_takes_channel_colon_purpose(string value)
    {
        var error = Rules.Error(Rules.LeafJson("consent", "contains", value));

        Assert.Equal("$.value", error.Path);
        Assert.Contains("channel:purpose", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Survey_scores_are_read_by_name_and_other_surveys_are_missing()
    {
        var customer = new CustomerFacts { SurveyScores = new Dictionary<string, double> { ["nps"] = 9, ["csat"] = 4.5 } };

        Assert.True(Rules.Leaf("survey.nps", "gte", "9").Evaluate(customer));
        Assert.True(Rules.Leaf("survey.csat", "between", "[4, 5]").Evaluate(customer));
        Assert.False(Rules.Leaf("survey.ces", "lt", "100").Evaluate(customer));
        Assert.False(Rules.Leaf("survey.ces", "ne", "1").Evaluate(customer));
        Assert.True(Rules.Leaf("survey.ces", "missing").Evaluate(customer));
    }

    [Fact]
    public void Survey_scores_have_no_fixed_range()
    {
        var customer = new CustomerFacts { SurveyScores = new Dictionary<string, double> { ["nps"] = -40 } };

        Assert.True(Rules.Leaf("survey.nps", "lt", "0").Evaluate(customer));
    }
}
