using Crm.Customers.Data;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Apis;

/// <summary>Contacts with a customer (page views, calls, visits, tickets) and what serving them cost.</summary>
public static class InteractionsApi
{
    public static IEndpointRouteBuilder MapInteractionsApi(this IEndpointRouteBuilder app)
    {
        var interactions = app.MapGroup("/api/customers/{id:guid}/interactions").WithTags("Interactions");

        interactions.MapPost("/", PostInteraction)
            .WithName(nameof(PostInteraction))
            .WithSummary("Record an interaction; posting the same interaction id again returns the first result");

        interactions.MapGet("/", ListInteractions)
            .WithName(nameof(ListInteractions))
            .WithSummary("The customer's interactions, newest first (keyset pagination)");

        return app;
    }

    public static async Task<Results<Created<Interaction>, ValidationProblem, ProblemHttpResult>> PostInteraction(
        Guid id, PostInteraction request, InteractionStore store, TimeProvider clock, IOptions<CustomersOptions> options,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = InteractionRules.Validate(request, clock.GetUtcNow(), options.Value.FutureTolerance);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, interaction) = await store.PostAsync(id, request, cancellationToken);
        var location = $"/api/customers/{id}/interactions";
        switch (outcome)
        {
            case PostingOutcome.Created:
                return TypedResults.Created(location, interaction);
            case PostingOutcome.Replayed:
                Problems.MarkReplayed(response);
                return TypedResults.Created(location, interaction);
            case PostingOutcome.IdTaken:
                return Problems.IdTaken("Interaction", request.InteractionId!);
            case PostingOutcome.CustomerErased:
                return Problems.CustomerErased(id);
            default:
                return Problems.CustomerNotFound(id);
        }
    }

    public static async Task<Results<Ok<Page<Interaction>>, ValidationProblem, ProblemHttpResult>> ListInteractions(
        Guid id, [FromQuery] int? limit, [FromQuery] Guid? after, InteractionStore store, CustomerStore customers,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Page.CheckLimit(errors, limit);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var page = await store.ListAsync(id, limit ?? Page.DefaultSize, after, cancellationToken);

        // Only an empty page can hide an unknown customer, so a customer with interactions costs no extra lookup.
        if (page.Items.Count == 0 && await customers.FindAsync(id, cancellationToken) is null)
        {
            return Problems.CustomerNotFound(id);
        }

        return TypedResults.Ok(page);
    }
}
