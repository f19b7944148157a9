using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Loyalty.Apis;

/// <summary>Members' points accounts: balance and tier, the ledger behind them, and the changes people make by hand.</summary>
public static class AccountsApi
{
    private const int MaxPageSize = 200;
    private const int MaxKeyLength = 100;
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/loyalty/accounts").WithTags("Points accounts");

        accounts.MapGet("/{customerId:guid}", GetAccount)
            .WithName(nameof(GetAccount))
            .WithSummary("A member's balance (available and pending), tier and next expiry");

        accounts.MapGet("/{customerId:guid}/ledger", GetLedger)
            .WithName(nameof(GetLedger))
            .WithSummary("A member's points ledger, newest first: every entry with the rule or action behind it");

        accounts.MapPost("/{customerId:guid}/adjustments", AdjustPoints)
            .WithName(nameof(AdjustPoints))
            .WithSummary("Credit or debit points by hand, with a reason (idempotent on the Idempotency-Key header)");

        accounts.MapPost("/{customerId:guid}/transfers", TransferPoints)
            .WithName(nameof(TransferPoints))
            .WithSummary("Move available points to another member (idempotent on the Idempotency-Key header)");

        return app;
    }

    public static async Task<Results<Ok<PointsAccount>, ProblemHttpResult>> GetAccount(Guid customerId, PointsAccountStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(customerId, cancellationToken) is { } account ? TypedResults.Ok(account) : Problems.NotFound("Points account", customerId);

    public static async Task<Results<Ok<LedgerPage>, ValidationProblem, ProblemHttpResult>> GetLedger(
        Guid customerId, LedgerQueries ledger, PointsAccountStore accounts, CancellationToken cancellationToken, int limit = 50, long? after = null)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPageSize}.");
        }

        // An empty page would read as a member with no history; an unknown or erased member has no account at all.
        if (!await accounts.ExistsAsync(customerId, cancellationToken))
        {
            return Problems.NotFound("Points account", customerId);
        }

        var entries = await ledger.PageAsync(customerId, after ?? long.MaxValue, limit, cancellationToken);
        return TypedResults.Ok(new LedgerPage(entries, entries.Count == limit ? entries[^1].Id : null));
    }

    public static async Task<Results<Ok<PointsMovement>, ValidationProblem, ProblemHttpResult>> AdjustPoints(
        Guid customerId, Adjustment adjustment, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, AccountActions actions, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CheckKey(idempotencyKey, errors);
        if (adjustment.Points is not { } points || points == 0)
        {
            errors.Add("points", "is required and must not be zero: positive credits, negative debits.");
        }
        else if (points is < -PointsLimit.PerMovement or > PointsLimit.PerMovement)
        {
            errors.Add("points", $"must be from -{PointsLimit.PerMovement} to {PointsLimit.PerMovement}: one adjustment moves at most that many points either way.");
        }

        CheckReason(adjustment.Reason, errors);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        return Answer(customerId, await actions.AdjustAsync(customerId, adjustment.Points!.Value, adjustment.Reason!.Trim(), idempotencyKey!, cancellationToken));
    }

    public static async Task<Results<Ok<PointsMovement>, ValidationProblem, ProblemHttpResult>> TransferPoints(
        Guid customerId, Transfer transfer, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, AccountActions actions, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CheckKey(idempotencyKey, errors);
        if (transfer.Points is not > 0)
        {
            errors.Add("points", "is required and must be positive.");
        }
        else if (transfer.Points > PointsLimit.PerMovement)
        {
            errors.Add("points", $"must be at most {PointsLimit.PerMovement}: one transfer moves at most that many points.");
        }

        if (transfer.ToCustomerId is not { } to || to == Guid.Empty)
        {
            errors.Add("toCustomerId", "is required: the member who receives the points.");
        }
        else if (to == customerId)
        {
            errors.Add("toCustomerId", "must be another member.");
        }

        CheckReason(transfer.Reason, errors);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        return Answer(customerId, await actions.TransferAsync(customerId, transfer.ToCustomerId!.Value, transfer.Points!.Value, transfer.Reason!.Trim(), idempotencyKey!, cancellationToken));
    }

    private static Results<Ok<PointsMovement>, ValidationProblem, ProblemHttpResult> Answer(Guid customerId, ActionOutcome outcome) => outcome.Status switch
    {
        ActionStatus.NoAccount when outcome.MissingAccount is { } recipient && recipient != customerId => Problems.NotFound(
            "Points account", recipient, "toCustomerId", $"There is no points account {recipient} to receive the points; nothing was changed."),
        ActionStatus.NoAccount => Problems.NotFound("Points account", customerId),
        ActionStatus.Insufficient => Problems.Refused("Not enough points",
            $"The account has {outcome.Available} points it can give (pending points, still inside the return window, cannot be spent); nothing was changed."),
        ActionStatus.KeyReused => Problems.Conflict("Idempotency key already used",
            $"This key was used for a different request on this account (it moved {outcome.Points} points; the points, reason or recipient differ); nothing was changed. Use a new key for a new request."),
        _ => TypedResults.Ok(new PointsMovement(customerId, outcome.Points, outcome.Status == ActionStatus.Repeated)),
    };

    private static void CheckKey(string? key, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
        {
            errors.Add("Idempotency-Key", $"The header is required (up to {MaxKeyLength} characters): a retried request with the same key changes nothing twice.");
        }
    }

    private static void CheckReason(string? reason, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors.Add("reason", $"is required (up to {MaxReasonLength} characters): the ledger says why points moved.");
        }
        else if (!FreeText.IsPrintableText(reason))
        {
            errors.Add("reason", "must be printable text: no control characters other than line breaks and tabs.");
        }
    }
}
