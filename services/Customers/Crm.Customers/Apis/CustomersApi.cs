using System.Text.Json;
using Crm.Customers.Data;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Customers.Apis;

/// <summary>Customer profiles: register, read, change with optimistic concurrency, search.</summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");

        customers.MapPost("/", RegisterCustomer)
            .WithName(nameof(RegisterCustomer))
            .WithSummary("Register a new customer");

        customers.MapGet("/", SearchCustomers)
            .WithName(nameof(SearchCustomers))
            .WithSummary("Search customers by text, acquisition source, creation time and attributes (keyset pagination)");

        customers.MapGet("/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("Get a customer by id; the ETag header is the version to send in If-Match");

        customers.MapGet("/by-external-id/{externalId}", GetCustomerByExternalId)
            .WithName(nameof(GetCustomerByExternalId))
            .WithSummary("Get a customer by the business's own id");

        customers.MapPatch("/{id:guid}", UpdateCustomer)
            .WithName(nameof(UpdateCustomer))
            .WithSummary("Change a profile with a JSON merge patch; requires If-Match with the current ETag")
            .Accepts<JsonElement>("application/merge-patch+json", "application/json");

        return app;
    }

    public static async Task<Results<Created<Customer>, ValidationProblem, ProblemHttpResult>> RegisterCustomer(
        RegisterCustomer request, CustomerStore store, AcquisitionSourceStore sources, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = CustomerRules.Validate(request, Today(clock), await sources.ActiveCodesAsync(cancellationToken));
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (created, existingId) = await store.RegisterAsync(request, cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "External id already registered",
                detail: $"A customer with external id '{request.ExternalId}' exists already.",
                instance: $"/api/customers/{existingId}");
        }

        // A client that goes on to PATCH the new profile needs its version, as a read would give it.
        response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/customers/{created.Id}", created);
    }

    public static async Task<Results<Ok<Page<Customer>>, ValidationProblem>> SearchCustomers(
        CustomerSearch search,
        [FromQuery] string? q,
        [FromQuery] string? acquisitionSource,
        [FromQuery] DateTimeOffset? createdFrom,
        [FromQuery] DateTimeOffset? createdTo,
        [FromQuery] string[]? attribute,
        [FromQuery] int? limit,
        [FromQuery] Guid? after,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        FieldRules.Text(errors, "q", q, 200);
        FieldRules.Text(errors, "acquisitionSource", acquisitionSource, 100);
        Page.CheckLimit(errors, limit);

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var filter in attribute ?? [])
        {
            FieldRules.Text(errors, "attribute", filter, 500);
            var separator = filter.IndexOf(':', StringComparison.Ordinal);
            if (separator < 1)
            {
                errors.Add("attribute", $"'{FieldRules.Shorten(filter)}' must look like key:value.");
                continue;
            }

            // Filters combine with AND, and a customer has one value per attribute: a key given twice is a mistake.
            if (!attributes.TryAdd(filter[..separator], filter[(separator + 1)..]))
            {
                errors.Add("attribute", $"'{FieldRules.Shorten(filter[..separator])}' is given more than once; a customer has one value for it.");
            }
        }

        if (createdFrom > createdTo)
        {
            errors.Add("createdFrom", "must not be later than createdTo.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var query = new CustomerQuery(
            string.IsNullOrWhiteSpace(q) ? null : q.Trim(), acquisitionSource, createdFrom, createdTo, attributes, limit ?? Page.DefaultSize, after);
        return TypedResults.Ok(await search.SearchAsync(query, cancellationToken));
    }

    public static async Task<Results<Ok<Customer>, StatusCodeHttpResult, ProblemHttpResult>> GetCustomer(
        Guid id, CustomerStore store, HttpContext http, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } customer)
        {
            return Problems.CustomerNotFound(id);
        }

        return Answer(customer, http);
    }

    public static async Task<Results<Ok<Customer>, StatusCodeHttpResult, ProblemHttpResult>> GetCustomerByExternalId(
        string externalId, CustomerStore store, HttpContext http, CancellationToken cancellationToken)
    {
        // The server decodes every escape in the path but %2F (a '/' would change the route), so an id with a slash
        // arrives with it still escaped.
        externalId = externalId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (await store.FindByExternalIdAsync(externalId, cancellationToken) is not { } customer)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Customer not found",
                detail: $"There is no customer with external id '{FieldRules.Shorten(externalId)}'.");
        }

        return Answer(customer, http);
    }

    // A client holding the current version (If-None-Match, RFC 9110 13.1.2) is told so without the body.
    private static Results<Ok<Customer>, StatusCodeHttpResult, ProblemHttpResult> Answer(Customer customer, HttpContext http)
    {
        http.Response.Headers.ETag = customer.ETag;
        return http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } held && IfMatch.HoldsWeakly(held, customer.ETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(customer);
    }

    public static async Task<Results<Ok<Customer>, ValidationProblem, ProblemHttpResult>> UpdateCustomer(
        Guid id,
        [FromBody] JsonElement patch,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CustomerStore store,
        AcquisitionSourceStore sources,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } current)
        {
            return Problems.CustomerNotFound(id);
        }

        if (current.ErasedAt is not null)
        {
            return Problems.CustomerErased(id);
        }

        if (ifMatch is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send the ETag of the version you changed in If-Match, so a concurrent change is not overwritten.");
        }

        if (!IfMatch.Holds(ifMatch, current.ETag))
        {
            return VersionConflict(current);
        }

        var errors = new ValidationErrors();
        var (patched, changed) = CustomerPatch.Apply(CustomerStore.ToRegistration(current), patch, errors);
        if (errors.IsEmpty)
        {
            // A retired acquisition source stays valid on the profiles that already have it.
            var allowedSources = (await sources.ActiveCodesAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            if (current.AcquisitionSource is { } kept)
            {
                allowedSources.Add(kept);
            }

            errors = CustomerRules.Validate(patched, Today(clock), allowedSources);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var changedCustomer = current with
        {
            Name = patched.Name!,
            Email = patched.Email,
            Phone = patched.Phone,
            PostalAddress = patched.PostalAddress,
            BirthDate = patched.BirthDate,
            HouseholdSize = patched.HouseholdSize,
            Country = patched.Country,
            Region = patched.Region,
            AcquisitionSource = patched.AcquisitionSource,
            AcquisitionNote = patched.AcquisitionNote,
            Attributes = patched.Attributes ?? JsonSerializer.SerializeToElement(new { }),
            CustomerSince = patched.CustomerSince ?? current.CustomerSince,
        };
        if (ChangesNothing(current, changedCustomer))
        {
            // Nothing to store or announce: the version stays, so clients holding this ETag are not made stale.
            response.Headers.ETag = current.ETag;
            return TypedResults.Ok(current);
        }

        if (await store.UpdateAsync(changedCustomer, current.Version, changed, cancellationToken) is not { } updated)
        {
            return await store.FindAsync(id, cancellationToken) is { } latest ? VersionConflict(latest) : Problems.CustomerNotFound(id);
        }

        response.Headers.ETag = updated.ETag;
        return TypedResults.Ok(updated);
    }

    // Attributes are compared as JSON (member order and number spelling aside); every other field by value.
    private static bool ChangesNothing(Customer current, Customer changed) =>
        current with { Attributes = default } == changed with { Attributes = default }
        && JsonElement.DeepEquals(current.Attributes, changed.Attributes);

    private static ProblemHttpResult VersionConflict(Customer current) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed, title: "Profile changed meanwhile",
        detail: $"The profile is at version {current.ETag}; read it again and reapply your change.");

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
