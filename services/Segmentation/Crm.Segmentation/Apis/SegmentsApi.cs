using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Segmentation.Apis;

/// <summary>Rule segments: versioned definitions with their governance, and why a customer is or is not in one.</summary>
public static class SegmentsApi
{
    public static IEndpointRouteBuilder MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var segments = app.MapGroup("/api/segments").WithTags("Segments");

        segments.MapPost("/", CreateSegment)
            .WithName(nameof(CreateSegment))
            .WithSummary("Define a segment: a rule over the customer facts, its owner and advisor, and its management strategy");

        segments.MapGet("/", ListSegments)
            .WithName(nameof(ListSegments))
            .WithSummary("Every segment's current version");

        segments.MapGet("/{segmentId:guid}", GetSegment)
            .WithName(nameof(GetSegment))
            .WithSummary("A segment's current version; the ETag header is the version to send in If-Match");

        segments.MapPut("/{segmentId:guid}", ReviseSegment)
            .WithName(nameof(ReviseSegment))
            .WithSummary("Save a new version of a segment; with If-Match, only if the version it names is still the current one");

        segments.MapGet("/{segmentId:guid}/customers/{customerId:guid}/explanation", ExplainMembership)
            .WithName(nameof(ExplainMembership))
            .WithSummary("Whether a customer meets the segment's rule now, and which parts held or failed");

        return app;
    }

    public static async Task<Results<Created<Segment>, ValidationProblem, ProblemHttpResult>> CreateSegment(
        SegmentDefinition definition, SegmentStore store, JobQueue recomputes, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (SegmentDefinitionRules.Validate(definition, errors) is null)
        {
            return errors.ToProblem();
        }

        if (await store.CreateAsync(definition, cancellationToken) is not { } segment)
        {
            return NameTaken(definition.Name!);
        }

        // Membership follows in the background: every customer is evaluated against the new rule.
        recomputes.Enqueue(segment.Id);
        response.Headers.ETag = segment.ETag;
        return TypedResults.Created($"/api/segments/{segment.Id}", segment);
    }

    public static async Task<Ok<IReadOnlyList<Segment>>> ListSegments(SegmentStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Ok<Segment>, ProblemHttpResult>> GetSegment(
        Guid segmentId, SegmentStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(segmentId, cancellationToken) is not { } segment)
        {
            return SegmentNotFound(segmentId);
        }

        response.Headers.ETag = segment.ETag;
        return TypedResults.Ok(segment);
    }

    public static async Task<Results<Ok<Segment>, ValidationProblem, ProblemHttpResult>> ReviseSegment(
        Guid segmentId, SegmentDefinition definition, [FromHeader(Name = "If-Match")] string? ifMatch, SegmentStore store, JobQueue recomputes,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (SegmentDefinitionRules.Validate(definition, errors) is null)
        {
            return errors.ToProblem();
        }

        var (outcome, segment) = await store.UpdateAsync(segmentId, definition, ifMatch, cancellationToken);
        return outcome switch
        {
            SaveOutcome.Saved => Saved(segment!, recomputes, response),
            SaveOutcome.NameTaken => NameTaken(definition.Name!),
            SaveOutcome.Stale => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Segment changed",
                detail: $"Segment {segmentId} has a newer version than If-Match names; read it again and apply your change to that."),
            _ => SegmentNotFound(segmentId),
        };
    }

    public static async Task<Results<Ok<SegmentExplanation>, ProblemHttpResult>> ExplainMembership(
        Guid segmentId, Guid customerId, SegmentStore store, CustomerFactQueries facts, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(segmentId, cancellationToken) is not { } segment)
        {
            return SegmentNotFound(segmentId);
        }

        if (await facts.FindForRulesAsync(customerId, cancellationToken) is not { Facts: var customer })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not known",
                detail: $"Segmentation has no facts about customer {customerId}.");
        }

        var rule = SegmentRuleParser.Parse(segment.Rule).Rule!;
        var explanation = rule.Explain(customer);
        return TypedResults.Ok(new SegmentExplanation(segment.Id, segment.Version, customerId, explanation.Held, explanation));
    }

    private static Ok<Segment> Saved(Segment segment, JobQueue recomputes, HttpResponse response)
    {
        recomputes.Enqueue(segment.Id);
        response.Headers.ETag = segment.ETag;
        return TypedResults.Ok(segment);
    }

    private static ProblemHttpResult SegmentNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Segment not found", detail: $"There is no segment {id}.");

    private static ProblemHttpResult NameTaken(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Segment name taken", detail: $"A segment named '{name}' exists already.");
}
