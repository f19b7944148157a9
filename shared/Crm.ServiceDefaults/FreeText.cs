namespace Crm.ServiceDefaults;

/// <summary>
/// Whether text people type can be stored as sent. PostgreSQL's text holds no NUL and UTF-8 cannot spell half a
/// surrogate pair, so either would fail the insert (a 500) where it should be refused (a 400 naming the field).
/// </summary>
public static class FreeText
{
    /// <summary>One line of printable characters, as names and references are: no control character at all.</summary>
    public static bool IsPrintableLine(string text) => !text.Any(char.IsControl) && HasWholeCharacters(text);

    /// <summary>Printable prose (a reason, a description, a note) that may break into lines and hold tabs.</summary>
    public static bool IsPrintableText(string text) =>
        !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) && HasWholeCharacters(text);

    // Every surrogate must be half of a pair, high then low.
    private static bool HasWholeCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
