using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

public sealed class ExplanationTests
{
    [Fact]
    public void Explanation_points_at_the_failing_comparison_with_the_value_seen()
    {
        var customer = CombinationTests.Member();
        customer.LifetimeValue = 5000m;

        var why = Rules.Compile(CombinationTests.Example).Explain(customer);

        Assert.False(why.Held);
        Assert.Equal("$", why.Path);
        Assert.Equal("all of 5", why.Description);
        var failed = Assert.Single(why.Children, child => !child.Held);
        Assert.Equal("$.all[3]", failed.Path);
        Assert.Equal("lifetimeValue between [100, 1000]", failed.Description);
        Assert.Equal("5000", failed.Actual);
    }

    [Fact]
    public void Explanation_of_a_member_shows_every_part_holding_and_which_branch_of_any()
    {
        var why = Rules.Compile(CombinationTests.Example).Explain(CombinationTests.Member());

        Assert.True(why.Held);
        Assert.All(why.Children, child => Assert.True(child.Held));
        var any = why.Children[1];
        Assert.Equal("any of 2", any.Description);
        Assert.Equal(
            [("$.all[1].any[0]", "acquisitionSource in [\"search\", \"social\"]", false, "referral"),
             ("$.all[1].any[1]", "attributes.vip eq true", true, "true")],
            any.Children.Select(child => (child.Path, child.Description, child.Held, child.Actual)));
    }

    [Fact]
    public void Explanation_of_not_shows_the_inner_comparison_and_its_opposite()
    {
        var customer = CombinationTests.Member();
        customer.Consents = new HashSet<string> { "sms:marketing", "email:marketing" };

        var not = Rules.Compile(CombinationTests.Example).Explain(customer).Children[2];

        Assert.Equal(("$.all[2]", "not", false), (not.Path, not.Description, not.Held));
        var inner = Assert.Single(not.Children);
        Assert.Equal(("$.all[2].not", "consent contains \"email:marketing\"", true), (inner.Path, inner.Description, inner.Held));
        Assert.Equal("email:marketing, sms:marketing", inner.Actual);
    }

    [Fact]
    public void Explanation_reports_a_missing_value_as_null_and_evaluates_every_part()
    {
        var why = Rules.Compile(CombinationTests.Example).Explain(new CustomerFacts());

        Assert.False(why.Held);
        Assert.Null(why.Children[0].Actual);
        Assert.Equal("rfm.recency gte 4", why.Children[0].Description);
        Assert.Equal([false, false, true, false, false], why.Children.Select(child => child.Held));
    }

    [Fact]
    public void Explanation_agrees_with_evaluation()
    {
        var rule = Rules.Compile(CombinationTests.Example);
        CustomerFacts[] customers = [new(), CombinationTests.Member(), new() { Recency = 5, LifetimeValue = 100m }];

        Assert.All(customers, customer => Assert.Equal(rule.Evaluate(customer), rule.Explain(customer).Held));
    }

    [Fact]
    public void Explanation_shows_dates_and_attributes_as_written()
    {
        var rule = Rules.Compile("""
            { "any": [ { "field": "customerSince", "op": "lt", "value": "2020-01-01" },
                       { "field": "attributes.address", "op": "exists" } ] }
            """);
        var customer = new CustomerFacts
        {
            CustomerSince = new DateOnly(2021, 3, 9),
            Attributes = Rules.Json("""{ "address": { "city": "Berlin" } }"""),
        };

        var why = rule.Explain(customer);

        Assert.Equal("2021-03-09", why.Children[0].Actual);
        Assert.Equal("""{ "city": "Berlin" }""", why.Children[1].Actual);
        Assert.Equal("attributes.address exists", why.Children[1].Description);
    }
}
