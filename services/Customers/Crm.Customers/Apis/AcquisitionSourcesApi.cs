using Crm.Customers.Data;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Customers.Apis;

/// <summary>The managed list behind "where did you hear about us".</summary>
public static class AcquisitionSourcesApi
{
    public static IEndpointRouteBuilder MapAcquisitionSourcesApi(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/api/customers/acquisition-sources").WithTags("Acquisition sources");

        sources.MapGet("/", ListAcquisitionSources)
            .WithName(nameof(ListAcquisitionSources))
            .WithSummary("List the acquisition sources, retired ones included");

        sources.MapGet("/{code}", GetAcquisitionSource)
            .WithName(nameof(GetAcquisitionSource))
            .WithSummary("Get one acquisition source by its code");

        sources.MapPut("/{code}", SaveAcquisitionSource)
            .WithName(nameof(SaveAcquisitionSource))
            .WithSummary("Add or change an acquisition source; retire one with active=false");

        return app;
    }

    public static async Task<Ok<IReadOnlyList<AcquisitionSource>>> ListAcquisitionSources(AcquisitionSourceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    // The list is a handful of entries, read whole anyway by every registration's check.
    public static async Task<Results<Ok<AcquisitionSource>, ProblemHttpResult>> GetAcquisitionSource(
        string code, AcquisitionSourceStore store, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).FirstOrDefault(source => source.Code == code) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Acquisition source not found",
                detail: $"There is no acquisition source '{FieldRules.Shorten(code)}'.");

    public static async Task<Results<Ok<AcquisitionSource>, ValidationProblem>> SaveAcquisitionSource(
        string code, AcquisitionSourceChange change, AcquisitionSourceStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!System.Text.RegularExpressions.Regex.IsMatch(code, "^[a-z][a-zA-Z0-9]{0,31}$"))
        {
            errors.Add("code", "must be 1 to 32 letters or digits in camelCase, starting with a lower-case letter.");
        }

        FieldRules.Required(errors, "label", change.Label, 100);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var source = new AcquisitionSource(code, change.Label!, change.Active ?? true);
        await store.SaveAsync(source, cancellationToken);
        return TypedResults.Ok(source);
    }
}
