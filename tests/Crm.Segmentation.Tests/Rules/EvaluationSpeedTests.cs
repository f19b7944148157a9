using System.Diagnostics;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Tests.Rules;

public sealed class EvaluationSpeedTests
{
    /// <summary>
    /// Guards against per-customer reflection or lookups by name sneaking into compiled rules: a six-comparison rule
    /// over a million customers must take a small fraction of a second. The bound is loose on purpose so a busy CI
    /// machine never fails it; real figures come from the benchmarks.
    /// </summary>
    [Fact]
    public void A_compiled_six_comparison_rule_evaluates_a_million_customers_well_under_a_second()
    {
        var rule = Rules.Compile("""
            { "all": [
                { "field": "rfm.recency", "op": "gte", "value": 3 },
                { "field": "lifetimeValue", "op": "between", "value": [100, 1000] },
                { "any": [ { "field": "acquisitionSource", "op": "in", "value": ["search", "social"] },
                           { "field": "churnRisk", "op": "eq", "value": "low" } ] },
                { "field": "probabilityAlive", "op": "gt", "value": 0.2 },
                { "not": { "field": "country", "op": "eq", "value": "US" } } ] }
            """);
        string[] sources = ["search", "social", "referral", "store"];
        string[] risks = ["low", "medium", "high"];
        var customers = Enumerable.Range(0, 1_000_000).Select(i => new CustomerFacts
        {
            Recency = i % 5 + 1,
            LifetimeValue = i % 1500,
            AcquisitionSource = sources[i % sources.Length],
            ChurnRisk = risks[i % risks.Length],
            ProbabilityAlive = i % 10 / 10.0,
            Country = i % 7 == 0 ? "US" : "DE",
        }).ToArray();
        var expected = customers.Count(customer =>
            customer.Recency >= 3 && customer.LifetimeValue is >= 100 and <= 1000
            && (customer.AcquisitionSource is "search" or "social" || customer.ChurnRisk == "low")
            && customer.ProbabilityAlive > 0.2 && customer.Country != "US");
        // Past the JIT's first tier, as a service that evaluates all day would be.
        for (var i = 0; i < 200_000; i++)
        {
            rule.Evaluate(customers[i]);
        }

        var stopwatch = Stopwatch.StartNew();
        var members = 0;
        foreach (var customer in customers)
        {
            members += rule.Evaluate(customer) ? 1 : 0;
        }

        stopwatch.Stop();

        Assert.Equal(expected, members);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
    }
}
