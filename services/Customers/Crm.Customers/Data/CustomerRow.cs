using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Data;

/// <summary>A row of <c>customers</c> as Dapper reads it (snake_case columns match by name); JSON and date columns are converted here.</summary>
internal sealed class CustomerRow
{
    public const string Columns = """
        id, external_id, name, email, phone, postal_address::text as postal_address, birth_date, household_size,
        country, region, acquisition_source, acquisition_note, attributes::text as attributes, customer_since, version,
        created_at, updated_at, erased_at
        """;

    public Guid Id { get; init; }
    public string ExternalId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? PostalAddress { get; init; }
    public DateTime? BirthDate { get; init; }
    public int? HouseholdSize { get; init; }
    public string? Country { get; init; }
    public string? Region { get; init; }
    public string? AcquisitionSource { get; init; }
    public string? AcquisitionNote { get; init; }
    public string Attributes { get; init; } = "{}";
    public DateTime CustomerSince { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ErasedAt { get; init; }

    public Customer ToCustomer() => new(
        Id,
        ExternalId,
        Name,
        Email,
        Phone,
        PostalAddress is null ? null : JsonSerializer.Deserialize<PostalAddress>(PostalAddress, Json.Options),
        BirthDate is { } birthDate ? DateOnly.FromDateTime(birthDate) : null,
        HouseholdSize,
        Country,
        Region,
        AcquisitionSource,
        AcquisitionNote,
        JsonDocument.Parse(Attributes).RootElement.Clone(),
        DateOnly.FromDateTime(CustomerSince),
        Version,
        CreatedAt,
        UpdatedAt,
        ErasedAt);
}
