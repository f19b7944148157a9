using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Loyalty.Apis;

/// <summary>The rewards catalogue editors keep (cost, stock, limits, who sees what) and the part of it each member sees.</summary>
public static class RewardsApi
{
    private const int MaxPageSize = 200;
    private const int MaxNameLength = 200;
    private const int MaxDescriptionLength = 2000;
    private const int MaxAudienceLength = 100;

    public static IEndpointRouteBuilder MapRewardsApi(this IEndpointRouteBuilder app)
    {
        var rewards = app.MapGroup("/api/loyalty/rewards").WithTags("Rewards");

        rewards.MapPost("/", CreateReward)
            .WithName(nameof(CreateReward))
            .WithSummary("Add a reward to the catalogue: cost in points, stock, per-customer limit, visibility by tier or segment");

        rewards.MapPut("/{rewardId:guid}", UpdateReward)
            .WithName(nameof(UpdateReward))
            .WithSummary("Replace a reward's definition, stock included (the stock is what is left to reserve)");

        rewards.MapGet("/{rewardId:guid}", GetReward)
            .WithName(nameof(GetReward))
            .WithSummary("A reward of the catalogue");

        rewards.MapGet("/", ListRewards)
            .WithName(nameof(ListRewards))
            .WithSummary("The whole catalogue, active or not, oldest first (keyset: limit, after)");

        app.MapGet("/api/loyalty/accounts/{customerId:guid}/rewards", ListMemberRewards)
            .WithTags("Rewards")
            .WithName(nameof(ListMemberRewards))
            .WithSummary("The active rewards a member may see (by tier and segments), whether they can afford each now and how many more they may redeem");

        return app;
    }

    public static async Task<Results<Created<Reward>, ValidationProblem, ProblemHttpResult>> CreateReward(
        RewardRequest request, RewardStore store, CancellationToken cancellationToken)
    {
        if (Check(request) is { IsEmpty: false } errors)
        {
            return errors.ToProblem();
        }

        try
        {
            var reward = await store.CreateAsync(Define(request), cancellationToken);
            return TypedResults.Created($"/api/loyalty/rewards/{reward.Id}", reward);
        }
        catch (RewardNameTakenException taken)
        {
            return NameTaken(taken);
        }
    }

    public static async Task<Results<Ok<Reward>, ValidationProblem, ProblemHttpResult>> UpdateReward(
        Guid rewardId, RewardRequest request, RewardStore store, CancellationToken cancellationToken)
    {
        if (Check(request) is { IsEmpty: false } errors)
        {
            return errors.ToProblem();
        }

        try
        {
            return await store.UpdateAsync(rewardId, Define(request), cancellationToken) is { } reward ? TypedResults.Ok(reward) : Problems.NotFound("Reward", rewardId);
        }
        catch (RewardNameTakenException taken)
        {
            return NameTaken(taken);
        }
    }

    public static async Task<Results<Ok<Reward>, ProblemHttpResult>> GetReward(Guid rewardId, RewardStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(rewardId, cancellationToken) is { } reward ? TypedResults.Ok(reward) : Problems.NotFound("Reward", rewardId);

    public static async Task<Results<Ok<RewardPage>, ValidationProblem>> ListRewards(
        RewardStore store, CancellationToken cancellationToken, int limit = 50, Guid? after = null)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPageSize}.");
        }

        var rewards = await store.PageAsync(after, limit, cancellationToken);
        return TypedResults.Ok(new RewardPage(rewards, rewards.Count == limit ? rewards[^1].Id : null));
    }

    public static async Task<Results<Ok<MemberRewardPage>, ValidationProblem, ProblemHttpResult>> ListMemberRewards(
        Guid customerId, PointsAccountStore accounts, RewardStore store, CancellationToken cancellationToken, int limit = 50, Guid? after = null)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPageSize}.");
        }

        if (await accounts.FindAsync(customerId, cancellationToken) is not { } account)
        {
            return Problems.NotFound("Points account", customerId);
        }

        var rewards = await store.MemberPageAsync(customerId, account.Tier, account.Available, after, limit, cancellationToken);
        return TypedResults.Ok(new MemberRewardPage(customerId, account.Available, rewards, rewards.Count == limit ? rewards[^1].RewardId : null));
    }

    private static ValidationErrors Check(RewardRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"is required (up to {MaxNameLength} characters).");
        }
        else if (!FreeText.IsPrintableLine(request.Name))
        {
            errors.Add("name", "must be printable characters on one line.");
        }

        if (request.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"must be at most {MaxDescriptionLength} characters.");
        }
        else if (request.Description is { } description && !FreeText.IsPrintableText(description))
        {
            errors.Add("description", "must be printable text: no control characters other than line breaks and tabs.");
        }

        if (request.CostPoints is not > 0 || request.CostPoints > PointsLimit.PerMovement)
        {
            errors.Add("costPoints", $"is required, from 1 to {PointsLimit.PerMovement}: what the reward costs in points.");
        }

        if (request.Stock is < 0)
        {
            errors.Add("stock", "must not be negative; omit it for unlimited stock.");
        }

        if (request.PerCustomerLimit is < 1)
        {
            errors.Add("perCustomerLimit", "must be at least 1; omit it for no limit.");
        }

        CheckAudience("visibleToTiers", "tier", request.VisibleToTiers, errors);
        CheckAudience("visibleToSegments", "segment", request.VisibleToSegments, errors);
        return errors;
    }

    /// <summary>The checked request, trimmed, with its defaults filled in.</summary>
    private static RewardDefinition Define(RewardRequest request) => new(
        request.Name!.Trim(),
        string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
        request.CostPoints!.Value,
        request.Stock,
        request.PerCustomerLimit,
        Audience(request.VisibleToTiers),
        Audience(request.VisibleToSegments),
        request.Active ?? true);

    private static void CheckAudience(string field, string what, string[]? names, ValidationErrors errors)
    {
        if (names is null)
        {
            return;
        }

        // An empty list would hide the reward from everyone, which "active: false" says more plainly.
        if (names.Length == 0)
        {
            errors.Add(field, $"must name at least one {what}; omit it to show the reward to every {what}.");
        }
        else if (names.Any(name => string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxAudienceLength || !FreeText.IsPrintableLine(name)))
        {
            errors.Add(field, $"must hold {what} names of 1 to {MaxAudienceLength} printable characters.");
        }
    }

    private static string[]? Audience(string[]? names) => names?.Select(name => name.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    private static ProblemHttpResult NameTaken(RewardNameTakenException taken) =>
        Problems.Conflict("Reward name taken", $"A reward named '{taken.Name}' already exists; reward names are unique.");
}
