using System.Globalization;

namespace Crm.Customers.Imports;

/// <summary>
/// Where a page of row errors ends: after every error of <see cref="Line"/> (written <c>9</c>, as <c>after</c> always
/// took a line), or after one error of it (written <c>9:3</c>). A line can have several errors, and a page may end
/// between them, so the cursor must name an error, not only a line, for the next page to lose none.
/// </summary>
internal readonly record struct ImportErrorCursor(long Line, long Seq)
{
    public static ImportErrorCursor Start => AfterLine(0);

    public static ImportErrorCursor AfterLine(long line) => new(line, long.MaxValue);

    public bool IsWholeLine => Seq == long.MaxValue;

    public static bool TryParse(string text, out ImportErrorCursor cursor)
    {
        cursor = Start;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var lineText = colon < 0 ? text.AsSpan() : text.AsSpan(0, colon);
        if (!long.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            return false;
        }

        if (colon < 0)
        {
            cursor = AfterLine(line);
            return true;
        }

        if (!long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq == long.MaxValue)
        {
            return false;
        }

        cursor = new ImportErrorCursor(line, seq);
        return true;
    }

    public override string ToString() => IsWholeLine
        ? Line.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Line}:{Seq}");
}
