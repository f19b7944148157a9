using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Crm.Customers.Imports;

/// <summary>Field values of import files, parsed from their UTF-8 bytes the same way for every kind.</summary>
internal static class ImportValues
{
    private static readonly string[] MomentFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    public const string MomentMessage = "must be an ISO 8601 time with an offset (2024-05-01T10:00:00+02:00 or ...Z) or a date (2024-05-01, midnight UTC).";
    public const string DateMessage = "must be a date such as 2024-05-01.";

    /// <summary>Why a line with bytes that are no text in the upload's charset is rejected, rather than stored altered.</summary>
    public const string NotTextMessage =
        "is not valid text in the file's character set (the charset of the upload's Content-Type, UTF-8 when none is given).";

    public static bool TryDecimal(ReadOnlySpan<byte> text, out decimal value) =>
        Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;

    public static bool TryInt(ReadOnlySpan<byte> text, out int value) =>
        Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;

    /// <summary>yyyy-MM-dd.</summary>
    public static bool TryDate(ReadOnlySpan<byte> text, out DateOnly value)
    {
        Span<char> chars = stackalloc char[10];
        value = default;
        return text.Length == 10
            && Encoding.ASCII.TryGetChars(text, chars, out _)
            && DateOnly.TryParseExact(chars, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// An ISO 8601 time that says its offset (a time without one is ambiguous and refused), or a date meaning its
    /// midnight UTC. Returned in UTC, as stored.
    /// </summary>
    public static bool TryMoment(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (TryDate(text, out var date))
        {
            value = new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero);
            return true;
        }

        Span<char> chars = stackalloc char[40];
        if (text.Length is < 17 or > 40 || !Encoding.ASCII.TryGetChars(text, chars, out var length))
        {
            return false;
        }

        chars = chars[..length];
        var hasOffset = chars[^1] == 'Z' || (chars[^3] == ':' && chars[^6] is '+' or '-');
        if (!hasOffset || !DateTimeOffset.TryParseExact(chars, MomentFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return false;
        }

        value = value.ToUniversalTime();
        return true;
    }
}
