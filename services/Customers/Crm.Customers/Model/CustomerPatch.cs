using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crm.Customers.Model;

/// <summary>
/// Applies a JSON merge patch (RFC 7396) to a profile: a member present sets the field, <c>null</c> clears it, an
/// absent member leaves it alone. <c>postalAddress</c> and <c>attributes</c> are merged the same way, at every depth:
/// an object merges member by member, <c>null</c> removes a member, anything else replaces it.
/// </summary>
public static class CustomerPatch
{
    private const string UnpairedSurrogate = "must not contain unpaired surrogates (a \\ud800-\\udfff escape without its pair).";

    private const string AddressParts = "line1, line2, city, postalCode, region or country";

    private static readonly PostalAddress NoAddress = new(null, null, null, null, null, null);

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
            // A JSON escape can spell half a surrogate pair (\udc00): such text can be neither read nor stored.
            if (ReadableName(member) is not { } name)
            {
                errors.Add("$", $"member names {UnpairedSurrogate}");
                continue;
            }

            if (!FieldRules.IsReadable(member.Value))
            {
                errors.Add(name, UnpairedSurrogate);
                continue;
            }

            var value = member.Value;
            result = name switch
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
                "postalAddress" => result with { PostalAddress = MergeAddress(errors, result.PostalAddress, value) },
                "attributes" => result with { Attributes = MergeAttributes(errors, result.Attributes, value) },
                "externalId" => Refuse(errors, name, "cannot be changed: it is the business's key for this customer.", result),
                _ => Refuse(errors, name, "is not a profile field.", result),
            };
            changed.Add(name);
        }

        return (result, changed);
    }

    private static string? ReadableName(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static T Refuse<T>(ValidationErrors errors, string field, string message, T unchanged)
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

    /// <summary>Each member of the patch sets its part of the address (null clears it); the parts not named stay.</summary>
    private static PostalAddress? MergeAddress(ValidationErrors errors, PostalAddress? current, JsonElement patch)
    {
        if (patch.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (patch.ValueKind != JsonValueKind.Object)
        {
            return Invalid<PostalAddress>(errors, "postalAddress", "must be an object or null.");
        }

        var address = current ?? NoAddress;
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                errors.Add("postalAddress", $"{FieldRules.Shorten(member.Name)} must be a string or null.");
                continue;
            }

            var part = member.Value.GetString();
            address = member.Name switch
            {
                "line1" => address with { Line1 = part },
                "line2" => address with { Line2 = part },
                "city" => address with { City = part },
                "postalCode" => address with { PostalCode = part },
                "region" => address with { Region = part },
                "country" => address with { Country = part },
                _ => Refuse(errors, "postalAddress", $"'{FieldRules.Shorten(member.Name)}' is not part of an address: {AddressParts}.", address),
            };
        }

        // An address with every part cleared is no address, as an import row with empty address columns has none.
        return address == NoAddress ? null : address;
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
        Merge(merged, patch);
        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>RFC 7396 into an object: null removes a member, an object merges into the member, anything else replaces it.</summary>
    private static void Merge(JsonObject target, JsonElement patch)
    {
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                target.Remove(member.Name);
            }
            else if (member.Value.ValueKind != JsonValueKind.Object)
            {
                target[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
            else if (target[member.Name] is JsonObject inner)
            {
                Merge(inner, member.Value);
            }
            else
            {
                // Patched into something that is not an object, an object starts empty, so its nulls are dropped.
                var replacement = new JsonObject();
                Merge(replacement, member.Value);
                target[member.Name] = replacement;
            }
        }
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
