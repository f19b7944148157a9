using System.Text.Json;

namespace Crm.Customers.Model;

/// <summary>What makes a customer profile valid, for registration, updates and imports alike.</summary>
public static class CustomerRules
{
    public const int MaxAttributesBytes = 8 * 1024;

    public static ValidationErrors Validate(RegisterCustomer customer, DateOnly today, IReadOnlySet<string> acquisitionSources)
    {
        var errors = new ValidationErrors();
        FieldRules.Required(errors, "externalId", customer.ExternalId, FieldRules.IdLength);
        FieldRules.Required(errors, "name", customer.Name, 200);
        FieldRules.Email(errors, "email", customer.Email);
        FieldRules.Phone(errors, "phone", customer.Phone);
        FieldRules.Country(errors, "country", customer.Country);
        FieldRules.Text(errors, "region", customer.Region, 100);
        FieldRules.Text(errors, "acquisitionNote", customer.AcquisitionNote, 500);
        if (customer.AcquisitionSource is { } source && !acquisitionSources.Contains(source))
        {
            errors.Add("acquisitionSource", $"'{FieldRules.Shorten(source)}' is not one of the managed sources: {string.Join(", ", acquisitionSources.Order())}.");
        }

        if (customer.BirthDate is { } birthDate && (birthDate > today || birthDate.Year < 1900))
        {
            errors.Add("birthDate", "must be a date between 1900-01-01 and today.");
        }

        if (customer.HouseholdSize is < 1 or > 50)
        {
            errors.Add("householdSize", "must be between 1 and 50.");
        }

        if (customer.CustomerSince is { } since && (since > today || since.Year < 1900))
        {
            errors.Add("customerSince", "must be a date between 1900-01-01 and today.");
        }

        ValidateAddress(errors, customer.PostalAddress);
        ValidateAttributes(errors, customer.Attributes);
        return errors;
    }

    private static void ValidateAddress(ValidationErrors errors, PostalAddress? address)
    {
        if (address is null)
        {
            return;
        }

        FieldRules.Text(errors, "postalAddress.line1", address.Line1, 200);
        FieldRules.Text(errors, "postalAddress.line2", address.Line2, 200);
        FieldRules.Text(errors, "postalAddress.city", address.City, 100);
        FieldRules.Text(errors, "postalAddress.postalCode", address.PostalCode, 20);
        FieldRules.Text(errors, "postalAddress.region", address.Region, 100);
        FieldRules.Country(errors, "postalAddress.country", address.Country);
    }

    private static void ValidateAttributes(ValidationErrors errors, JsonElement? attributes)
    {
        if (attributes is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("attributes", "must be a JSON object.");
        }
        else if (value.GetRawText().Length > MaxAttributesBytes)
        {
            errors.Add("attributes", $"must be at most {MaxAttributesBytes} bytes of JSON.");
        }
        else if (!IsStorable(value))
        {
            errors.Add("attributes", "must not contain NUL characters or unpaired surrogates.");
        }
    }

    // jsonb refuses NUL and unpaired UTF-16 surrogates, both of which JSON escapes (\u0000, \ud800) can express.
    private static bool IsStorable(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject().All(member => !member.Name.Contains('\0', StringComparison.Ordinal) && IsStorable(member.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(IsStorable),
                JsonValueKind.String => !element.GetString()!.Contains('\0', StringComparison.Ordinal),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            // Reading text with an unpaired surrogate escape fails.
            return false;
        }
    }
}
