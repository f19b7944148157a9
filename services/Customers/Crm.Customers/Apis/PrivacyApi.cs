using Crm.Customers.Data;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Customers.Apis;

/// <summary>The data subject's rights: see everything held about them, and be forgotten.</summary>
public static class PrivacyApi
{
    private const int ExportPageSize = 1000;

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var privacy = app.MapGroup("/api/customers/{id:guid}").WithTags("Privacy");

        privacy.MapGet("/export", ExportCustomer)
            .WithName(nameof(ExportCustomer))
            .WithSummary("Everything held about the customer, as JSON");

        privacy.MapPost("/erasure", EraseCustomer)
            .WithName(nameof(EraseCustomer))
            .WithSummary("Erase the customer here and, through CustomerErased, in every other service (idempotent)");

        return app;
    }

    public static async Task<Results<Ok<CustomerExport>, ProblemHttpResult>> ExportCustomer(
        Guid id, CustomerStore customers, ConsentStore consents, TransactionQueries transactions, InteractionStore interactions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await customers.FindAsync(id, cancellationToken) is not { } customer)
        {
            return Problems.CustomerNotFound(id);
        }

        return TypedResults.Ok(new CustomerExport(
            clock.GetUtcNow(),
            customer,
            await consents.GetAsync(id, cancellationToken),
            await Page.AllAsync(after => transactions.ListAsync(id, ExportPageSize, after, cancellationToken)),
            await Page.AllAsync(after => interactions.ListAsync(id, ExportPageSize, after, cancellationToken))));
    }

    public static async Task<Results<Ok<Erasure>, ProblemHttpResult>> EraseCustomer(Guid id, CustomerErasure erasure, CancellationToken cancellationToken) =>
        await erasure.EraseAsync(id, cancellationToken) is { } erasedAt
            ? TypedResults.Ok(new Erasure(id, erasedAt))
            : Problems.CustomerNotFound(id);
}
