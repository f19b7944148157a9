using System.Text.Json;

namespace Crm.Customers.Model;

/// <summary>
/// A customer as the API returns it. <see cref="Version"/> is also the ETag; <see cref="ErasedAt"/> is set once the
/// customer has been forgotten, and then every personal field is empty.
/// </summary>
public sealed record Customer(
    Guid Id,
    string ExternalId,
    string Name,
    string? Email,
    string? Phone,
    PostalAddress? PostalAddress,
    DateOnly? BirthDate,
    int? HouseholdSize,
    string? Country,
    string? Region,
    string? AcquisitionSource,
    string? AcquisitionNote,
    JsonElement Attributes,
    DateOnly CustomerSince,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ErasedAt = null)
{
    public string ETag => $"\"{Version}\"";

    public Crm.Contracts.Customers.CustomerProfile ToProfile() => new(
        ExternalId, Name, Email, Phone, BirthDate, HouseholdSize, Country, Region, AcquisitionSource, CustomerSince, Attributes);
}
