using Crm.Customers.Data;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Apis;

/// <summary>Consent per channel and purpose, with its audit trail, and the "may I contact?" question.</summary>
public static class ConsentApi
{
    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder app)
    {
        var consents = app.MapGroup("/api/customers/{id:guid}/consents").WithTags("Consent");

        consents.MapGet("/", GetConsents)
            .WithName(nameof(GetConsents))
            .WithSummary("The current consent per channel and purpose, and every change ever recorded");

        consents.MapPut("/{channel}/{purpose}", RecordConsentChange)
            .WithName(nameof(RecordConsentChange))
            .WithSummary("Record that the customer granted or withdrew consent for a channel and purpose");

        consents.MapGet("/{channel}/{purpose}", MayContact)
            .WithName(nameof(MayContact))
            .WithSummary("May this customer be contacted on this channel for this purpose now?");

        return app;
    }

    public static async Task<Results<Ok<ConsentRecord>, ProblemHttpResult>> GetConsents(
        Guid id, CustomerStore customers, ConsentStore consents, CancellationToken cancellationToken) =>
        await customers.FindAsync(id, cancellationToken) is null
            ? Problems.CustomerNotFound(id)
            : TypedResults.Ok(await consents.GetAsync(id, cancellationToken));

    public static async Task<Results<Ok<Consent>, ValidationProblem, ProblemHttpResult>> RecordConsentChange(
        Guid id,
        string channel,
        string purpose,
        ConsentChange change,
        ConsentStore consents,
        TimeProvider clock,
        IOptions<CustomersOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = ConsentRules.Validate(channel, purpose, change, clock.GetUtcNow(), options.Value.FutureTolerance);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await consents.RecordAsync(id, channel, purpose, change, cancellationToken) switch
        {
            (CustomerState.Missing, _) => Problems.CustomerNotFound(id),
            (CustomerState.Erased, _) => Problems.CustomerErased(id),
            (_, var current) => TypedResults.Ok(current!),
        };
    }

    public static async Task<Results<Ok<ContactPermission>, ValidationProblem, ProblemHttpResult>> MayContact(
        Guid id, string channel, string purpose, CustomerStore customers, ConsentStore consents, CancellationToken cancellationToken)
    {
        var errors = ConsentRules.ValidateTopic(channel, purpose);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await customers.FindAsync(id, cancellationToken) is not { } customer)
        {
            return Problems.CustomerNotFound(id);
        }

        if (customer.ErasedAt is not null)
        {
            return TypedResults.Ok(new ContactPermission(id, channel, purpose, false, "The customer has been erased.", customer.ErasedAt));
        }

        var consent = await consents.FindAsync(id, channel, purpose, cancellationToken);
        return TypedResults.Ok(consent switch
        {
            null => new ContactPermission(id, channel, purpose, false, "No consent has been recorded for this channel and purpose.", null),
            { Granted: true } => new ContactPermission(id, channel, purpose, true, $"Granted ({consent.Basis}, via {consent.Source}).", consent.ChangedAt),
            _ => new ContactPermission(id, channel, purpose, false, $"Withdrawn (via {consent.Source}).", consent.ChangedAt),
        });
    }
}
