using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Crm.Loyalty.Model.Earning;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Crm.Loyalty.Apis;

/// <summary>Business events that earn by the event rules (survey completed, referral, birthday, profile completed).</summary>
public static class MemberEventsApi
{
    private const int MaxReferenceLength = 100;

    public static IEndpointRouteBuilder MapMemberEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/loyalty/accounts/{customerId:guid}/events", RecordMemberEvent)
            .WithTags("Points accounts")
            .WithName(nameof(RecordMemberEvent))
            .WithSummary("Award a member's business event by the event rules, once per type and reference");
        return app;
    }

    public static async Task<Results<Ok<EventAwards>, ValidationProblem, ProblemHttpResult>> RecordMemberEvent(
        Guid customerId, MemberEvent memberEvent, NpgsqlDataSource dataSource, PointsAccountStore accounts, EventEarning earning, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var type = EarningEventTypes.Normalize(memberEvent.Type);
        if (type is null || !EarningEventTypes.All.Contains(type))
        {
            errors.Add("type", $"must be one of {string.Join(", ", EarningEventTypes.All)}.");
        }

        if (string.IsNullOrWhiteSpace(memberEvent.Reference) || memberEvent.Reference.Length > MaxReferenceLength)
        {
            errors.Add("reference", $"is required (up to {MaxReferenceLength} characters): what identifies this occurrence (a survey response id, a referred customer, a year).");
        }
        else if (!FreeText.IsPrintableLine(memberEvent.Reference))
        {
            errors.Add("reference", "must be printable characters on one line.");
        }

        // A future event would earn by rules not yet in force and hold its points until then; a back-dated one is
        // taken, by the rules in force when it happened.
        var now = clock.GetUtcNow();
        RequestTimes.CheckHappened(errors, "occurredAt", memberEvent.OccurredAt, now);

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        if (await accounts.FindAsync(customerId, cancellationToken) is null)
        {
            return Problems.NotFound("Points account", customerId);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var occurredAt = (memberEvent.OccurredAt ?? now).ToUniversalTime();
        var awards = await earning.AwardAsync(transaction, customerId,
            new EarningEvent(Guid.CreateVersion7(), type!, occurredAt), $"{type}:{memberEvent.Reference!.Trim()}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new EventAwards(customerId, type!, awards ?? [], AlreadyAwarded: awards is null));
    }
}
