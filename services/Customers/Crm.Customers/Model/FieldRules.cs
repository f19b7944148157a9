using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Crm.Customers.Model;

/// <summary>Checks shared by the API and the bulk import, so a row is judged the same way however it arrives.</summary>
public static partial class FieldRules
{
    public const int IdLength = 64;

    /// <summary>Required text of at most <paramref name="maxLength"/> characters with no control characters.</summary>
    public static void Required(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required.");
            return;
        }

        Text(errors, field, value, maxLength);
    }

    /// <summary>Optional text: when present, at most <paramref name="maxLength"/> characters and no control characters.</summary>
    public static void Text(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters.");
        }

        // PostgreSQL cannot store NUL in text, and control characters in names end up in letters and exports.
        if (HasControl(value))
        {
            errors.Add(field, "must not contain control characters.");
        }
    }

    public static void Email(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        Text(errors, field, value, 254);
        if (!MailAddress.TryCreate(value, out var address) || address.Address != value || !value.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, "must be an email address such as name@example.com.");
        }
    }

    public static void Phone(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !PhonePattern().IsMatch(value))
        {
            errors.Add(field, "must be a phone number of 4 to 20 digits, optionally starting with + and grouped by spaces, dashes or brackets.");
        }
    }

    public static void Country(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !Countries.IsKnown(value))
        {
            errors.Add(field, "must be an ISO 3166-1 alpha-2 country code such as DE or US.");
        }
    }

    public static void Currency(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, "is required.");
        }
        else if (!Currencies.IsKnown(value))
        {
            errors.Add(field, $"'{Shorten(value)}' is not an ISO 4217 currency code.");
        }
    }

    public static void OneOf(ValidationErrors errors, string field, string? value, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, "is required.");
        }
        else if (!allowed.Contains(value))
        {
            errors.Add(field, $"'{Shorten(value)}' is not one of: {string.Join(", ", allowed)}.");
        }
    }

    /// <summary>A moment that has happened: not in the future beyond the clock tolerance and not before 1970.</summary>
    public static void Past(ValidationErrors errors, string field, DateTimeOffset value, DateTimeOffset now, TimeSpan tolerance)
    {
        // A member left out of the JSON binds as the type's default, 0001-01-01.
        if (value == default)
        {
            errors.Add(field, "is required.");
        }
        else
        {
            Moments.Happened(errors, field, value, now, tolerance);
        }
    }

    public static void Amount(ValidationErrors errors, string field, decimal value, int maxDecimals, decimal max)
    {
        if (value < 0)
        {
            errors.Add(field, "must not be negative.");
        }
        else if (value > max)
        {
            errors.Add(field, $"must be at most {max}.");
        }

        if (value.Scale > maxDecimals && value != decimal.Round(value, maxDecimals))
        {
            errors.Add(field, $"must have at most {maxDecimals} decimal places.");
        }
    }

    /// <summary>Whether the text has a control character (<see cref="char.IsControl(char)"/>: U+0000–U+001F, U+007F–U+009F).</summary>
    public static bool HasControl(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0;

    /// <summary>
    /// Whether every string and member name in the JSON reads as text. A JSON escape can spell half a UTF-16 surrogate
    /// pair (\udc00), which .NET cannot read as a string and PostgreSQL cannot store.
    /// </summary>
    public static bool IsReadable(JsonElement json) => AllText(json, _ => true);

    /// <summary>Whether every string and member name in the JSON reads as text and is one <paramref name="accept"/> takes.</summary>
    public static bool AllText(JsonElement json, Func<string, bool> accept)
    {
        try
        {
            return json.ValueKind switch
            {
                // Reading the name is the check.
                JsonValueKind.Object => json.EnumerateObject().All(member => accept(member.Name) && AllText(member.Value, accept)),
                JsonValueKind.Array => json.EnumerateArray().All(item => AllText(item, accept)),
                JsonValueKind.String => accept(json.GetString()!),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Echoing a value in a message keeps it short: a megabyte of junk must not come back in the problem.</summary>
    public static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{3,24}$")]
    private static partial Regex PhonePattern();

}
