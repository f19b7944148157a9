using Crm.Segmentation.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Segmentation.Apis;

/// <summary>Who is in a segment, and the log of who entered and left and why; keyset pages (<c>after</c>, <c>limit</c> ≤ 1000).</summary>
public static class MembershipsApi
{
    public const int MaxPage = 1_000;

    public static IEndpointRouteBuilder MapMembershipsApi(this IEndpointRouteBuilder app)
    {
        var segments = app.MapGroup("/api/segments").WithTags("Segments");

        segments.MapGet("/{segmentId:guid}/members", ListMembers)
            .WithName(nameof(ListMembers))
            .WithSummary("The segment's customers now, in id order (items, next)");

        segments.MapGet("/{segmentId:guid}/changes", ListMembershipChanges)
            .WithName(nameof(ListMembershipChanges))
            .WithSummary("The segment's membership change log: entered or left, under which version, and why");

        return app;
    }

    public static async Task<Results<Ok<MembershipPage<Guid>>, ValidationProblem, ProblemHttpResult>> ListMembers(
        Guid segmentId, Guid? after, int? limit, MembershipQueries queries, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPage}.");
        }

        var size = limit ?? 100;
        if (await queries.MembersAsync(segmentId, after ?? Guid.Empty, size, cancellationToken) is not { } items)
        {
            return SegmentNotFound(segmentId);
        }

        return TypedResults.Ok(new MembershipPage<Guid>(items, items.Count == size ? items[^1].ToString() : null));
    }

    public static async Task<Results<Ok<MembershipPage<MembershipLogEntry>>, ValidationProblem, ProblemHttpResult>> ListMembershipChanges(
        Guid segmentId, long? after, int? limit, MembershipQueries queries, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPage}.");
        }

        var size = limit ?? 100;
        if (await queries.ChangesAsync(segmentId, after ?? 0, size, cancellationToken) is not { } items)
        {
            return SegmentNotFound(segmentId);
        }

        return TypedResults.Ok(new MembershipPage<MembershipLogEntry>(items, items.Count == size ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    // An unknown segment is a 404, as its portrait and explanations are, not an empty page.
    private static ProblemHttpResult SegmentNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Segment not found", detail: $"There is no segment {id}.");
}

/// <summary>A keyset page: pass <see cref="Next"/> as <c>after</c> for the following one.</summary>
public sealed record MembershipPage<T>(IReadOnlyList<T> Items, string? Next);
