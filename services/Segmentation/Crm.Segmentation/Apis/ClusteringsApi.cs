using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Crm.Segmentation.Apis;

/// <summary>
/// Behavioural clusters: k-means on standardised features with k chosen by silhouette, the scores of every k tried as
/// the evidence, and a cluster saved as a segment that keeps following its customers.
/// </summary>
public static class ClusteringsApi
{
    public const int MaxPage = 100;

    public static IEndpointRouteBuilder MapClusteringsApi(this IEndpointRouteBuilder app)
    {
        var clusterings = app.MapGroup("/api/segments/clusterings").WithTags("Clusters");

        clusterings.MapPost("/", StartClustering)
            .WithName(nameof(StartClustering))
            .WithSummary("Cluster the customers on behavioural features, choosing k by silhouette (202 + a job to follow)");

        clusterings.MapGet("/", ListClusterings)
            .WithName(nameof(ListClusterings))
            .WithSummary("Clusterings, newest first (items, next)");

        clusterings.MapGet("/{clusteringId:guid}", GetClustering)
            .WithName(nameof(GetClustering))
            .WithSummary("A clustering's progress and, once done, the chosen k, every k's silhouette and Davies–Bouldin, and the clusters");

        clusterings.MapPost("/{clusteringId:guid}/clusters/{cluster:int}/segment", SaveClusterAsSegment)
            .WithName(nameof(SaveClusterAsSegment))
            .WithSummary("Save a cluster as a segment whose members are the customers nearest its centre, now and as they change");

        return app;
    }

    public static async Task<Results<Accepted<ClusteringJob>, ValidationProblem, ProblemHttpResult>> StartClustering(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ClusteringRequest? request,
        ClusteringStore store,
        ClusteringFeatureReader facts,
        [FromKeyedServices(ClusteringWorker.QueueKey)] JobQueue queue,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (ClusteringRequestRules.Validate(request, errors) is not { } settings)
        {
            return errors.ToProblem();
        }

        var complete = await facts.CountCompleteAsync(settings.Features, cancellationToken);
        if (complete < settings.KMax)
        {
            return TooFewCustomers(settings, complete);
        }

        var clustering = await store.CreateAsync(settings, cancellationToken);
        queue.Enqueue(clustering.Id);
        return TypedResults.Accepted($"/api/segments/clusterings/{clustering.Id}", clustering);
    }

    public static async Task<Results<Ok<ClusteringPage>, ValidationProblem>> ListClusterings(
        Guid? after, int? limit, ClusteringStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPage}.");
        }

        var size = limit ?? 20;
        var items = await store.PageAsync(after, size, cancellationToken);
        return TypedResults.Ok(new ClusteringPage(items, items.Count == size ? items[^1].Id.ToString() : null));
    }

    public static async Task<Results<Ok<ClusteringJob>, ProblemHttpResult>> GetClustering(
        Guid clusteringId, ClusteringStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(clusteringId, cancellationToken) is { } clustering ? TypedResults.Ok(clustering) : ClusteringNotFound(clusteringId);

    public static async Task<Results<Created<Segment>, ValidationProblem, ProblemHttpResult>> SaveClusterAsSegment(
        Guid clusteringId,
        int cluster,
        ClusterSegmentRequest request,
        ClusteringStore clusterings,
        SegmentStore segments,
        JobQueue recomputes,
        CancellationToken cancellationToken)
    {
        if (await clusterings.FindAsync(clusteringId, cancellationToken) is not { } clustering)
        {
            return ClusteringNotFound(clusteringId);
        }

        if (clustering.Status != ClusteringStatus.Succeeded || clustering.Standardisation is not { } standardisation)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Clustering not finished",
                detail: $"Clustering {clusteringId} is {clustering.Status}{(clustering.Error is null ? "" : $" ({clustering.Error})")}; "
                    + "a cluster can be saved once it has succeeded.");
        }

        if (cluster < 1 || cluster > clustering.Clusters.Count)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Cluster not found",
                detail: $"Clustering {clusteringId} has clusters 1 to {clustering.Clusters.Count}, not {cluster}.");
        }

        var profile = clustering.Clusters[cluster - 1];
        var rule = NearestClusterDefinition.Write(
            clustering.Id.ToString(),
            cluster,
            clustering.Features,
            [.. clustering.Features.Select(feature => standardisation.Means[feature])],
            [.. clustering.Features.Select(feature => standardisation.Scales[feature])],
            [.. clustering.Clusters.Select(c => (IReadOnlyList<double>)[.. clustering.Features.Select(feature => c.ZScores[feature])])]);
        var description = request.Description
            ?? $"Cluster {cluster} of {clustering.Clusters.Count} ({profile.Label}) from clustering {clustering.Id}: the customers nearest its centre.";
        var definition = new SegmentDefinition(request.Name, description, request.Owner, request.Advisor, request.Strategy, rule);
        var errors = new ValidationErrors();
        if (SegmentDefinitionRules.Validate(definition, errors) is null)
        {
            return errors.ToProblem();
        }

        if (await segments.CreateAsync(definition, cancellationToken) is not { } segment)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Segment name taken",
                detail: $"A segment named '{definition.Name}' exists already.");
        }

        // Membership follows in the background, as for any new segment: every customer is placed against the centroids.
        recomputes.Enqueue(segment.Id);
        return TypedResults.Created($"/api/segments/{segment.Id}", segment);
    }

    /// <summary>A 422 naming kMax: the request is well formed, but the customers with every chosen feature are too few.</summary>
    private static ProblemHttpResult TooFewCustomers(ClusteringSettings settings, int complete)
    {
        var errors = new ValidationErrors();
        errors.Add("kMax",
            $"only {complete} customers have a value for every chosen feature ({string.Join(", ", settings.Features.Select(f => f.Name))}), " +
            $"fewer than kMax = {settings.KMax}; lower kMax, or choose features more customers have (customers without a purchase have no " +
            $"{BehaviouralFeatures.DaysSinceLastPurchase} or {BehaviouralFeatures.AverageOrderValue}; customers not yet valued have no " +
            $"{BehaviouralFeatures.LifetimeValue}, {BehaviouralFeatures.ProbabilityAlive} or {BehaviouralFeatures.Profit}).");
        return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Too few customers to cluster",
            Detail = "Customers without a value for a chosen feature are left out of a clustering.",
        });
    }

    private static ProblemHttpResult ClusteringNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Clustering not found", detail: $"There is no clustering {id}.");
}
