using System.Text.Json;

namespace Crm.Contracts.Customers;

/// <summary>A new customer record exists in the customers service.</summary>
/// <param name="CustomerSince">When the customer relationship began in the business's own history (an imported
/// customer may be years older than the record).</param>
/// <param name="Attributes">The business's free-form attributes (a JSON object), as a profile update carries them.</param>
/// <param name="Consents">Consents granted with the record (an import's consent column); none when registered through
/// the API, where consent is given afterwards and announced by <see cref="ConsentChanged"/>.</param>
public sealed record CustomerRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    string ExternalId,
    string Name,
    string? Email,
    DateOnly? CustomerSince = null,
    string? Country = null,
    string? AcquisitionSource = null,
    JsonElement? Attributes = null,
    IReadOnlyList<ConsentGrant>? Consents = null) : ICustomerEvent;
