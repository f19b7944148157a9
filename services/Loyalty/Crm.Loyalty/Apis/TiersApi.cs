using Crm.Loyalty.Data;
using Crm.Loyalty.Model.Tiers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Loyalty.Apis;

/// <summary>The tier policy (levels, qualification, downgrade) and the privileges matrix other services read.</summary>
public static class TiersApi
{
    private const int MaxBenefitLength = 100;

    public static IEndpointRouteBuilder MapTiersApi(this IEndpointRouteBuilder app)
    {
        var tiers = app.MapGroup("/api/loyalty/tiers").WithTags("Tiers and privileges");

        tiers.MapGet("/policy", GetTierPolicy)
            .WithName(nameof(GetTierPolicy))
            .WithSummary("The tier policy in force");

        tiers.MapPut("/policy", SaveTierPolicy)
            .WithName(nameof(SaveTierPolicy))
            .WithSummary("Save a new version of the tier policy; members are re-placed at their next activity and at the next review");

        tiers.MapGet("/privileges", GetPrivileges)
            .WithName(nameof(GetPrivileges))
            .WithSummary("The privileges matrix: for each tier, its benefits (earnMultiplier, serviceLevel, freeShipping, ...)");

        tiers.MapPut("/privileges", SavePrivileges)
            .WithName(nameof(SavePrivileges))
            .WithSummary("Replace the privileges matrix");

        return app;
    }

    public static async Task<Results<Ok<SavedTierPolicy>, ProblemHttpResult>> GetTierPolicy(TierPolicyStore store, CancellationToken cancellationToken) =>
        await store.CurrentAsync(cancellationToken) is { } policy
            ? TypedResults.Ok(policy)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No tier policy", detail: "No tier policy has been saved yet.");

    public static async Task<Results<Ok<SavedTierPolicy>, ValidationProblem>> SaveTierPolicy(
        TierPolicy policy, TierPolicyStore store, CancellationToken cancellationToken) =>
        TierPolicyDefinition.Validate(policy) is { } errors ? errors.ToProblem() : TypedResults.Ok(await store.SaveAsync(policy, cancellationToken));

    public static async Task<Ok<Dictionary<string, Dictionary<string, string>>>> GetPrivileges(TierPrivileges privileges, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToMatrix(await privileges.ReadAsync(cancellationToken)));

    public static async Task<Results<Ok<Dictionary<string, Dictionary<string, string>>>, ValidationProblem>> SavePrivileges(
        Dictionary<string, Dictionary<string, string>> matrix, TierPolicyStore policies, TierPrivileges privileges, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var tiers = (await policies.CurrentAsync(cancellationToken))?.Policy.Levels.Select(level => level.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (tier, benefits) in matrix)
        {
            if (!tiers.Contains(tier))
            {
                errors.Add(tier, tiers.Count == 0
                    ? "is not a tier: save a tier policy first."
                    : $"is not a tier of the policy in force ({string.Join(", ", tiers)}).");
                continue;
            }

            foreach (var (benefit, value) in benefits ?? [])
            {
                if (string.IsNullOrWhiteSpace(benefit) || benefit.Length > MaxBenefitLength || string.IsNullOrWhiteSpace(value) || value.Length > MaxBenefitLength)
                {
                    errors.Add($"{tier}.{benefit}", $"needs a benefit name and a value, each up to {MaxBenefitLength} characters.");
                }
                else if (benefit == TierPrivileges.EarnMultiplier && TierPrivileges.ParseFactor(value) is not (>= 1 and <= 10))
                {
                    errors.Add($"{tier}.{benefit}", "must be a number from 1 to 10 in digits with an optional decimal point (1.5 = half as many points again).");
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var cells = matrix.SelectMany(tier => (tier.Value ?? []).Select(benefit => (tier.Key, benefit.Key, benefit.Value))).ToList();
        await privileges.ReplaceAsync(cells, cancellationToken);
        return TypedResults.Ok(ToMatrix(cells));
    }

    private static Dictionary<string, Dictionary<string, string>> ToMatrix(IEnumerable<(string Tier, string Benefit, string Value)> cells) =>
        cells.GroupBy(cell => cell.Tier).ToDictionary(tier => tier.Key, tier => tier.ToDictionary(cell => cell.Benefit, cell => cell.Value));
}
