using System.Text.Json;

namespace Crm.Contracts.Customers;

/// <summary>The profile fields other services may keep a copy of.</summary>
public sealed record CustomerProfile(
    string ExternalId,
    string Name,
    string? Email,
    string? Phone,
    DateOnly? BirthDate,
    int? HouseholdSize,
    string? Country,
    string? Region,
    string? AcquisitionSource,
    DateOnly CustomerSince,
    JsonElement? Attributes);
