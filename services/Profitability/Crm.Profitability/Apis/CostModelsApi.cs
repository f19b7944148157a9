using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Profitability.Apis;

/// <summary>The cost model's versions. A new version re-prices every P&amp;L from its effective date on, at once.</summary>
public static class CostModelsApi
{
    public static IEndpointRouteBuilder MapCostModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/profitability/cost-models").WithTags("Cost model");

        models.MapPost("/", CreateCostModel)
            .WithName(nameof(CreateCostModel))
            .WithSummary("Add a cost model version, effective from a date: channel, contact, service and admin costs");

        models.MapGet("/", ListCostModels)
            .WithName(nameof(ListCostModels))
            .WithSummary("Every cost model version, oldest first");

        models.MapGet("/{version:int}", GetCostModel)
            .WithName(nameof(GetCostModel))
            .WithSummary("One cost model version");

        return app;
    }

    public static async Task<Results<Created<CostModel>, ValidationProblem>> CreateCostModel(
        NewCostModel model, CostModelStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CostModelRules.Validate(model, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var saved = await store.SaveAsync(model, cancellationToken);
        return TypedResults.Created($"/api/profitability/cost-models/{saved.Version}", saved);
    }

    public static async Task<Ok<IReadOnlyList<CostModel>>> ListCostModels(CostModelStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Ok<CostModel>, ProblemHttpResult>> GetCostModel(int version, CostModelStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(version, cancellationToken) is { } model ? TypedResults.Ok(model) : Problems.NotFound("Cost model version", version);
}
