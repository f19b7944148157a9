using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Tests.Model.Earning;

public sealed class EarnRuleValidationTests
{
    // As the service binds request bodies: web defaults (camelCase) and camelCase enum names.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static EarnRuleRequest Request(string json) => JsonSerializer.Deserialize<EarnRuleRequest>(json, Json)!;

    private static IReadOnlyDictionary<string, string[]> Errors(string json) =>
        Assert.IsType<Crm.ServiceDefaults.ValidationErrors>(EarnRuleDefinition.Validate(Request(json))).ToDictionary();

    [Fact]
    public void A_valid_rule_posted_as_json_becomes_the_rule_it_describes()
    {
        var request = Request("""
            {
              "name": " Triple points on toys ", "kind": "multiplier", "priority": 20, "stopAfter": false,
              "effectiveFrom": "2026-12-01T00:00:00Z", "effectiveTo": "2026-12-15T00:00:00Z",
              "target": { "segments": ["families"], "categories": [" toys "] },
              "cap": { "maxPoints": 1000, "period": "month" },
              "factor": 3
            }
            """);

        Assert.Null(EarnRuleDefinition.Validate(request));
        var id = Guid.NewGuid();
        var rule = request.ToRule(id, 2);

        Assert.Equal(id, rule.Id);
        Assert.Equal(2, rule.Version);
        Assert.Equal("Triple points on toys", rule.Name);
        Assert.Equal(EarnRuleKind.Multiplier, rule.Kind);
        Assert.Equal(3m, rule.Factor);
        Assert.Equal(new PointsCap(1_000, CalendarPeriod.Month), rule.Cap);
        Assert.Equal(["toys"], rule.Target.Categories!);
        Assert.Null(rule.Target.Channels);
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero), rule.EffectiveTo);
    }

    [Fact]
    public void A_saved_rule_round_trips_through_its_request()
    {
        var rule = Rules.Event(EarningEventTypes.Birthday, 250) with { Cap = new PointsCap(250, CalendarPeriod.Year) };

        var again = EarnRuleRequest.From(rule).ToRule(rule.Id, rule.Version);

        Assert.Equal(rule with { Target = again.Target }, again);
        Assert.Null(EarnRuleDefinition.Validate(EarnRuleRequest.From(rule)));
    }

    [Fact]
    public void Name_kind_and_start_are_required()
    {
        var errors = Errors("{}");

        Assert.Contains("name", errors.Keys);
        Assert.Contains("kind", errors.Keys);
        Assert.Contains("effectiveFrom", errors.Keys);
    }

    [Theory]
    [InlineData("""{"kind": "base"}""", "pointsPerUnit")]
    [InlineData("""{"kind": "base", "pointsPerUnit": 0}""", "pointsPerUnit")]
    [InlineData("""{"kind": "multiplier", "factor": 1}""", "factor")]
    [InlineData("""{"kind": "multiplier", "factor": 0.5}""", "factor")]
    [InlineData("""{"kind": "threshold", "spendThreshold": 0, "bonusPoints": 10, "period": "month"}""", "spendThreshold")]
    [InlineData("""{"kind": "threshold", "spendThreshold": 500, "bonusPoints": 10}""", "period")]
    [InlineData("""{"kind": "threshold", "spendThreshold": 500, "bonusPoints": -10, "period": "month"}""", "bonusPoints")]
    [InlineData("""{"kind": "frequency", "nth": 0, "bonusPoints": 10, "period": "week"}""", "nth")]
    [InlineData("""{"kind": "frequency", "nth": 5, "period": "week"}""", "bonusPoints")]
    [InlineData("""{"kind": "event", "eventType": "anniversary", "bonusPoints": 10}""", "eventType")]
    [InlineData("""{"kind": "event", "bonusPoints": 10}""", "eventType")]
    [InlineData("""{"kind": "base", "pointsPerUnit": 1, "factor": 2}""", "factor")]
    [InlineData("""{"kind": "base", "pointsPerUnit": 1, "repeat": true}""", "repeat")]
    [InlineData("""{"kind": "base", "pointsPerUnit": 1, "cap": {"maxPoints": 100}}""", "cap.period")]
    [InlineData("""{"kind": "base", "pointsPerUnit": 1, "cap": {"maxPoints": 0, "period": "day"}}""", "cap.maxPoints")]
    [InlineData("""{"kind": "event", "eventType": "referral", "bonusPoints": 10, "target": {"channels": ["online"]}}""", "target.channels")]
    [InlineData("""{"kind": "base", "pointsPerUnit": 1, "target": {"skus": ["a", " "]}}""", "target.skus[1]")]
    public void Each_problem_is_reported_against_the_field_to_fix(string kindFields, string field)
    {
        var json = kindFields[..^1] + """, "name": "rule", "effectiveFrom": "2026-11-01T00:00:00Z"}""";

        var errors = Errors(json);

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void A_rule_must_end_after_it_starts()
    {
        var errors = Errors("""
            {"name": "x", "kind": "base", "pointsPerUnit": 1,
             "effectiveFrom": "2026-11-01T00:00:00Z", "effectiveTo": "2026-11-01T00:00:00Z"}
            """);

        Assert.Equal(["effectiveTo"], errors.Keys);
    }

    [Fact]
    public void Event_types_are_accepted_in_any_case_and_saved_in_their_canonical_spelling()
    {
        var request = Request("""
            {"name": "x", "kind": "event", "eventType": "SURVEYCOMPLETED", "bonusPoints": 20, "effectiveFrom": "2026-11-01T00:00:00Z"}
            """);

        Assert.Null(EarnRuleDefinition.Validate(request));
        Assert.Equal(EarningEventTypes.SurveyCompleted, request.ToRule(Guid.NewGuid(), 1).EventType);
    }
}
