using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crm.Customers.Model;

/// <summary>
/// Applies a JSON merge patch (RFC 7396) to a profile: a member present sets the field, <c>null</c> clears it, an
/// absent member leaves it alone; <c>attributes</c> is merged member by member.
/// </summary>
public static class CustomerPatch
{
    public static (RegisterCustomer Patched, List<string> Changed) Apply(RegisterCustomer current, JsonElement patch, ValidationErrors errors)
    {
        var changed = new List<string>();
        if (patch.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "must be a JSON object (a merge patch).");
            return (current, changed);
        }

        var result = current;
        foreach (var member in patch.EnumerateObject())
        {
            var value = member.Value;
            result = member.Name switch
            {
                "name" => result with { Name = String(errors, member) },
                "email" => result with { Email = String(errors, member) },
                "phone" => result with { Phone = String(errors, member) },
                "country" => result with { Country = String(errors, member) },
                "region" => result with { Region = String(errors, member) },
                "acquisitionSource" => result with { AcquisitionSource = String(errors, member) },
                "acquisitionNote" => result with { AcquisitionNote = String(errors, member) },
                "birthDate" => result with { BirthDate = Date(errors, member) },
                "customerSince" => result with { CustomerSince = Date(errors, member) ?? current.CustomerSince },
                "householdSize" => result with { HouseholdSize = Integer(errors, member) },
                "postalAddress" => result with { PostalAddress = Address(errors, member) },
                "attributes" => result with { Attributes = MergeAttributes(errors, current.Attributes, value) },
                "externalId" => Refuse(errors, member.Name, "cannot be changed: it is the business's key for this customer.", result),
                _ => Refuse(errors, member.Name, "is not a profile field.", result),
            };
            changed.Add(member.Name);
        }

        return (result, changed);
    }

    private static RegisterCustomer Refuse(ValidationErrors errors, string field, string message, RegisterCustomer unchanged)
    {
        errors.Add(field, message);
        return unchanged;
    }

    private static string? String(ValidationErrors errors, JsonProperty member) => member.Value.ValueKind switch
    {
        JsonValueKind.String => member.Value.GetString(),
        JsonValueKind.Null => null,
        _ => Invalid<string>(errors, member.Name, "must be a string or null."),
    };

    private static DateOnly? Date(ValidationErrors errors, JsonProperty member) => member.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when DateOnly.TryParseExact(member.Value.GetString(), "yyyy-MM-dd", out var date) => date,
        _ => InvalidValue<DateOnly>(errors, member.Name, "must be a date (yyyy-MM-dd) or null."),
    };

    private static int? Integer(ValidationErrors errors, JsonProperty member) => member.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when member.Value.TryGetInt32(out var number) => number,
        _ => InvalidValue<int>(errors, member.Name, "must be a whole number or null."),
    };

    private static PostalAddress? Address(ValidationErrors errors, JsonProperty member)
    {
        if (member.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            return member.Value.ValueKind == JsonValueKind.Object
                ? member.Value.Deserialize<PostalAddress>(JsonSerializerOptions.Web)
                : Invalid<PostalAddress>(errors, member.Name, "must be an object or null.");
        }
        catch (JsonException)
        {
            return Invalid<PostalAddress>(errors, member.Name, "must hold line1, line2, city, postalCode, region and country as strings.");
        }
    }

    private static JsonElement? MergeAttributes(ValidationErrors errors, JsonElement? current, JsonElement patch)
    {
        if (patch.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (patch.ValueKind != JsonValueKind.Object)
        {
            errors.Add("attributes", "must be a JSON object or null.");
            return current;
        }

        var merged = current is { ValueKind: JsonValueKind.Object } existing ? JsonNode.Parse(existing.GetRawText())!.AsObject() : [];
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                merged.Remove(member.Name);
            }
            else
            {
                merged[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
        }

        return JsonSerializer.SerializeToElement(merged);
    }

    private static T? Invalid<T>(ValidationErrors errors, string field, string message) where T : class
    {
        errors.Add(field, message);
        return null;
    }

    private static T? InvalidValue<T>(ValidationErrors errors, string field, string message) where T : struct
    {
        errors.Add(field, message);
        return null;
    }
}
