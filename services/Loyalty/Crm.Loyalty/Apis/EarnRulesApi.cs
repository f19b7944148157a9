using Crm.Loyalty.Data;
using Crm.Loyalty.Model.Earning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Loyalty.Apis;

/// <summary>
/// The earn rules of the retention plan: base rate, double/triple windows, incremental and frequency bonuses, event
/// points. Every save is a new version; retiring a rule is its last version.
/// </summary>
public static class EarnRulesApi
{
    public static IEndpointRouteBuilder MapEarnRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/loyalty/earn-rules").WithTags("Earn rules");

        rules.MapPost("/", CreateEarnRule)
            .WithName(nameof(CreateEarnRule))
            .WithSummary("Define an earn rule (base, multiplier, threshold, frequency or event)");

        rules.MapGet("/", ListEarnRules)
            .WithName(nameof(ListEarnRules))
            .WithSummary("Every rule's latest version, in evaluation order (retired ones say so)");

        rules.MapGet("/{ruleId:guid}/versions", ListEarnRuleVersions)
            .WithName(nameof(ListEarnRuleVersions))
            .WithSummary("Every version of a rule, newest first");

        rules.MapPut("/{ruleId:guid}", ReviseEarnRule)
            .WithName(nameof(ReviseEarnRule))
            .WithSummary("Save the next version of a rule");

        rules.MapDelete("/{ruleId:guid}", RetireEarnRule)
            .WithName(nameof(RetireEarnRule))
            .WithSummary("Retire a rule (its history stays)");

        return app;
    }

    public static async Task<Results<Created<SavedEarnRule>, ValidationProblem>> CreateEarnRule(
        EarnRuleRequest rule, EarnRuleStore store, CancellationToken cancellationToken)
    {
        if (EarnRuleDefinition.Validate(rule) is { } errors)
        {
            return errors.ToProblem();
        }

        var saved = (await store.CreateAsync(rule, cancellationToken))!;
        return TypedResults.Created($"/api/loyalty/earn-rules/{saved.Id}/versions", saved);
    }

    public static async Task<Ok<IReadOnlyList<SavedEarnRule>>> ListEarnRules(EarnRuleStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<SavedEarnRule>>, ProblemHttpResult>> ListEarnRuleVersions(
        Guid ruleId, EarnRuleStore store, CancellationToken cancellationToken) =>
        await store.VersionsAsync(ruleId, cancellationToken) is { Count: > 0 } versions ? TypedResults.Ok(versions) : Problems.NotFound("Earn rule", ruleId);

    public static async Task<Results<Ok<SavedEarnRule>, ValidationProblem, ProblemHttpResult>> ReviseEarnRule(
        Guid ruleId, EarnRuleRequest rule, EarnRuleStore store, CancellationToken cancellationToken)
    {
        if (EarnRuleDefinition.Validate(rule) is { } errors)
        {
            return errors.ToProblem();
        }

        return await store.ReviseAsync(ruleId, rule, cancellationToken) is { } saved
            ? TypedResults.Ok(saved)
            : Problems.NotFound("Earn rule in force", ruleId);
    }

    public static async Task<Results<Ok<SavedEarnRule>, ProblemHttpResult>> RetireEarnRule(Guid ruleId, EarnRuleStore store, CancellationToken cancellationToken) =>
        await store.RetireAsync(ruleId, cancellationToken) is { } retired ? TypedResults.Ok(retired) : Problems.NotFound("Earn rule in force", ruleId);
}
