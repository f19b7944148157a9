using Crm.Customers.Data;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Customers.Apis;

public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");

        customers.MapPost("/", RegisterCustomer)
            .WithName(nameof(RegisterCustomer))
            .WithSummary("Register a new customer")
            .ProducesValidationProblem();

        customers.MapGet("/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("Get a customer by id");

        return app;
    }

    public static async Task<Results<Created<Customer>, ProblemHttpResult>> RegisterCustomer(
        RegisterCustomer request, CustomerStore store, CancellationToken cancellationToken)
    {
        var (created, existingId) = await store.RegisterAsync(request, cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "External id already registered",
                detail: $"A customer with external id '{request.ExternalId}' exists already.",
                instance: $"/api/customers/{existingId}");
        }

        return TypedResults.Created($"/api/customers/{created.Id}", created);
    }

    public static async Task<Results<Ok<Customer>, NotFound>> GetCustomer(Guid id, CustomerStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } customer ? TypedResults.Ok(customer) : TypedResults.NotFound();
}
