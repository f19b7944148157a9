using System.Globalization;
using System.Text.Json;

namespace Crm.Customers.Model;

/// <summary>What makes a customer profile valid, for registration, updates and imports alike.</summary>
public static class CustomerRules
{
    public const int MaxAttributesBytes = 8 * 1024;

    // PostgreSQL's numeric (what jsonb stores a number as) refuses an exponent beyond ±1000, even on a zero.
    private const int MaxExponent = 1000;

    /// <summary>
    /// Erasure renames the customer it anonymises to this prefix and their id; a customer registered under such a name
    /// would make that rename fail, and so the erasure.
    /// </summary>
    public const string ErasedExternalIdPrefix = "erased-";

    public static ValidationErrors Validate(RegisterCustomer customer, DateOnly today, IReadOnlySet<string> acquisitionSources)
    {
        var errors = new ValidationErrors();
        FieldRules.Required(errors, "externalId", customer.ExternalId, FieldRules.IdLength);
        if (customer.ExternalId?.StartsWith(ErasedExternalIdPrefix, StringComparison.Ordinal) == true)
        {
            errors.Add("externalId", $"must not start with '{ErasedExternalIdPrefix}': erased customers are named so.");
        }

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
        else if (FirstUnstorableNumber(value, "attributes") is { } number)
        {
            errors.Add("attributes", $"numbers must fit a decimal (0, or 1e-28 to 7.9e28 in size, either sign) with an exponent "
                + $"within ±{MaxExponent}: {number.Path} is {FieldRules.Shorten(number.Text)}.");
        }
    }

    /// <summary>
    /// The first number (at any depth) that jsonb cannot store, or stores blown up: 1e200000 overflows PostgreSQL's
    /// numeric, 1e-20000 underflows it, and 1e100000 is 15 bytes of JSON but 100 KB stored, past the size limit. A
    /// decimal's range is ample for a profile's facts, and keeps what is stored about as large as what was written.
    /// </summary>
    private static (string Path, string Text)? FirstUnstorableNumber(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (FirstUnstorableNumber(member.Value, $"{path}.{FieldRules.Shorten(member.Name)}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnstorableNumber(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Number:
                var text = element.GetRawText();
                return IsStorableNumber(text) ? null : (path, text);
            default:
                return null;
        }
    }

    // A decimal rounds what is too small for it to 0, so a 0 is refused unless the number was written as one.
    private static bool IsStorableNumber(string text)
    {
        var exponentAt = text.AsSpan().IndexOfAny('e', 'E');
        if (exponentAt >= 0
            && !(int.TryParse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
                && Math.Abs(exponent) <= MaxExponent))
        {
            return false;
        }

        var mantissa = exponentAt >= 0 ? text.AsSpan(0, exponentAt) : text.AsSpan();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && (value != 0 || !mantissa.ContainsAnyInRange('1', '9'));
    }

    // jsonb refuses NUL and unpaired UTF-16 surrogates, both of which JSON escapes (\u0000, \ud800) can express.
    private static bool IsStorable(JsonElement element) =>
        FieldRules.AllText(element, text => !text.Contains('\0', StringComparison.Ordinal));
}
