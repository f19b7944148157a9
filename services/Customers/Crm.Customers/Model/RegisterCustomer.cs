using System.Text.Json;

namespace Crm.Customers.Model;

/// <summary>
/// A new customer, from <c>POST /api/customers</c> or a row of a customer import. <see cref="AcquisitionSource"/> is
/// a code of the managed list ("where did you hear about us"); <see cref="AcquisitionNote"/> is the customer's own words.
/// </summary>
public sealed record RegisterCustomer(
    string? ExternalId,
    string? Name,
    string? Email = null,
    string? Phone = null,
    PostalAddress? PostalAddress = null,
    DateOnly? BirthDate = null,
    int? HouseholdSize = null,
    string? Country = null,
    string? Region = null,
    string? AcquisitionSource = null,
    string? AcquisitionNote = null,
    JsonElement? Attributes = null,
    DateOnly? CustomerSince = null);
