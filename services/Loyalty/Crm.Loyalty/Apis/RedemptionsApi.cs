using Crm.Loyalty.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Loyalty.Apis;

/// <summary>
/// A member redeeming a reward: reserve (idempotent on the Idempotency-Key header), then confirm or cancel. Confirming
/// or cancelling twice answers the same; crossing them (cancelling a confirmed one) is a conflict.
/// </summary>
public static class RedemptionsApi
{
    private const int MaxPageSize = 200;
    private const int MaxKeyLength = 100;

    public static IEndpointRouteBuilder MapRedemptionsApi(this IEndpointRouteBuilder app)
    {
        var redemptions = app.MapGroup("/api/loyalty/accounts/{customerId:guid}/redemptions").WithTags("Redemptions");

        redemptions.MapPost("/", ReserveReward)
            .WithName(nameof(ReserveReward))
            .WithSummary("Reserve a reward: holds its cost from available points and one of its stock (idempotent on the Idempotency-Key header)");

        redemptions.MapPost("/{redemptionId:guid}/confirm", ConfirmRedemption)
            .WithName(nameof(ConfirmRedemption))
            .WithSummary("Confirm a reservation: the points are spent for good (publishes PointsRedeemed)");

        redemptions.MapPost("/{redemptionId:guid}/cancel", CancelRedemption)
            .WithName(nameof(CancelRedemption))
            .WithSummary("Cancel a reservation: the points go back to the batches they came from, the reward back to stock");

        redemptions.MapGet("/{redemptionId:guid}", GetRedemption)
            .WithName(nameof(GetRedemption))
            .WithSummary("A member's redemption and where it stands");

        redemptions.MapGet("/", ListRedemptions)
            .WithName(nameof(ListRedemptions))
            .WithSummary("A member's redemptions, newest first (keyset: limit, after)");

        return app;
    }

    public static async Task<Results<Created<Redemption>, Ok<Redemption>, ValidationProblem, ProblemHttpResult>> ReserveReward(
        Guid customerId,
        RedemptionRequest? request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        Redemptions redemptions,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength)
        {
            errors.Add("Idempotency-Key", $"The header is required (up to {MaxKeyLength} characters): a retried request with the same key reserves nothing twice.");
        }

        if (request?.RewardId is not { } rewardId || rewardId == Guid.Empty)
        {
            errors.Add("rewardId", "is required: the reward to reserve.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var outcome = await redemptions.ReserveAsync(customerId, request!.RewardId!.Value, idempotencyKey!, cancellationToken);
        var reward = request.RewardId.Value;
        return outcome.Result switch
        {
            RedemptionResult.Done => TypedResults.Created($"/api/loyalty/accounts/{customerId}/redemptions/{outcome.Redemption!.Id}", outcome.Redemption),
            RedemptionResult.Repeated => TypedResults.Ok(outcome.Redemption!),
            RedemptionResult.NoAccount => Problems.NotFound("Points account", customerId),
            RedemptionResult.NotAvailable => Problems.Refused("Reward not available", $"Reward {reward} is not available to this member."),
            RedemptionResult.Withdrawn => Problems.Refused("Reward withdrawn", $"Reward {reward} is no longer offered; nothing was changed."),
            RedemptionResult.OutOfStock => Problems.Refused("Out of stock", $"Reward {reward} is out of stock; nothing was changed."),
            RedemptionResult.LimitReached => Problems.Refused("Limit reached",
                $"A member may hold or have redeemed reward {reward} at most {outcome.Limit} time(s) and this member has; nothing was changed."),
            RedemptionResult.Insufficient => Problems.Refused("Not enough points",
                $"The reward costs {outcome.Cost} points and the member has {outcome.Available} available; nothing was changed."),
            RedemptionResult.KeyReused => Problems.Conflict("Idempotency key already used",
                $"This key reserved reward {outcome.Redemption!.RewardId} (redemption {outcome.Redemption.Id}); use a new key for another reward."),
            _ => throw new InvalidOperationException($"A reservation does not end as {outcome.Result}."),
        };
    }

    public static async Task<Results<Ok<Redemption>, ProblemHttpResult>> ConfirmRedemption(
        Guid customerId, Guid redemptionId, Redemptions redemptions, CancellationToken cancellationToken) =>
        Settled(redemptionId, await redemptions.ConfirmAsync(customerId, redemptionId, cancellationToken));

    public static async Task<Results<Ok<Redemption>, ProblemHttpResult>> CancelRedemption(
        Guid customerId, Guid redemptionId, Redemptions redemptions, CancellationToken cancellationToken) =>
        Settled(redemptionId, await redemptions.CancelAsync(customerId, redemptionId, cancellationToken));

    public static async Task<Results<Ok<Redemption>, ProblemHttpResult>> GetRedemption(
        Guid customerId, Guid redemptionId, Redemptions redemptions, CancellationToken cancellationToken) =>
        await redemptions.FindAsync(customerId, redemptionId, cancellationToken) is { } redemption
            ? TypedResults.Ok(redemption)
            : Problems.NotFound("Redemption", redemptionId);

    public static async Task<Results<Ok<RedemptionPage>, ValidationProblem, ProblemHttpResult>> ListRedemptions(
        Guid customerId, Redemptions redemptions, PointsAccountStore accounts, CancellationToken cancellationToken, int limit = 50, Guid? after = null)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPageSize}.");
        }

        // An empty page would read as a member who never redeemed; an unknown or erased member has no account at all.
        if (!await accounts.ExistsAsync(customerId, cancellationToken))
        {
            return Problems.NotFound("Points account", customerId);
        }

        var page = await redemptions.PageAsync(customerId, after, limit, cancellationToken);
        return TypedResults.Ok(new RedemptionPage(page, page.Count == limit ? page[^1].Id : null));
    }

    private static Results<Ok<Redemption>, ProblemHttpResult> Settled(Guid redemptionId, RedemptionOutcome outcome) => outcome.Result switch
    {
        RedemptionResult.Done or RedemptionResult.Repeated => TypedResults.Ok(outcome.Redemption!),
        RedemptionResult.NotFound => Problems.NotFound("Redemption", redemptionId),
        RedemptionResult.AlreadySettled => Problems.Conflict($"Redemption {Describe(outcome.Redemption!.Status)}",
            $"Redemption {redemptionId} was {Describe(outcome.Redemption.Status)} at {outcome.Redemption.SettledAt:O}; it cannot change any more."),
        _ => throw new InvalidOperationException($"A confirmation or cancellation does not end as {outcome.Result}."),
    };

    private static string Describe(RedemptionStatus status) => status.ToString().ToLowerInvariant();
}
