using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Imports;

/// <summary>
/// How a customers file row differs from the customer registered under its external id: the same row imported again
/// is skipped, a different one is rejected, as the API answers 409 to a registration of a taken id.
/// </summary>
internal static class CustomerDifferences
{
    private static readonly PostalAddress NoAddress = new(null, null, null, null, null, null);

    private static readonly JsonElement NoAttributes = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The profile as it is stored: with the customer-since date the first import gave it.</summary>
    public static RegisterCustomer Registered(Customer customer) => new(
        customer.ExternalId, customer.Name, customer.Email, customer.Phone, customer.PostalAddress, customer.BirthDate,
        customer.HouseholdSize, customer.Country, customer.Region, customer.AcquisitionSource, customer.AcquisitionNote,
        customer.Attributes, customer.CustomerSince);

    /// <summary>A profile of this file as it is about to be stored.</summary>
    public static RegisterCustomer Registered(RegisterCustomer imported, DateOnly today) =>
        imported with { CustomerSince = imported.CustomerSince ?? today };

    /// <summary>The fields (named as the API names them) where <paramref name="imported"/> says otherwise than what is registered.</summary>
    public static List<string> Between(RegisterCustomer registered, RegisterCustomer imported)
    {
        var fields = new List<string>();
        Compare(fields, "name", registered.Name, imported.Name);
        Compare(fields, "email", registered.Email, imported.Email);
        Compare(fields, "phone", registered.Phone, imported.Phone);
        var (was, now) = (registered.PostalAddress ?? NoAddress, imported.PostalAddress ?? NoAddress);
        Compare(fields, "postalAddress.line1", was.Line1, now.Line1);
        Compare(fields, "postalAddress.line2", was.Line2, now.Line2);
        Compare(fields, "postalAddress.city", was.City, now.City);
        Compare(fields, "postalAddress.postalCode", was.PostalCode, now.PostalCode);
        Compare(fields, "postalAddress.region", was.Region, now.Region);
        Compare(fields, "postalAddress.country", was.Country, now.Country);
        Compare(fields, "birthDate", registered.BirthDate, imported.BirthDate);
        Compare(fields, "householdSize", registered.HouseholdSize, imported.HouseholdSize);
        Compare(fields, "country", registered.Country, imported.Country);
        Compare(fields, "region", registered.Region, imported.Region);
        Compare(fields, "acquisitionSource", registered.AcquisitionSource, imported.AcquisitionSource);
        Compare(fields, "acquisitionNote", registered.AcquisitionNote, imported.AcquisitionNote);
        if (!JsonElement.DeepEquals(AttributesOf(registered), AttributesOf(imported)))
        {
            fields.Add("attributes");
        }

        // A row without customer_since was given the day of its first import, which a later import cannot repeat.
        if (imported.CustomerSince is { } since && since != registered.CustomerSince)
        {
            fields.Add("customerSince");
        }

        return fields;
    }

    // Attributes not given are stored as an empty object.
    private static JsonElement AttributesOf(RegisterCustomer profile) =>
        profile.Attributes is { ValueKind: JsonValueKind.Object } attributes ? attributes : NoAttributes;

    private static void Compare<T>(List<string> fields, string field, T registered, T imported)
    {
        if (!EqualityComparer<T>.Default.Equals(registered, imported))
        {
            fields.Add(field);
        }
    }
}
