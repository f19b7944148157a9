using System.Text;

namespace Crm.Customers.Imports;

/// <summary>
/// One string per distinct short value of a file's low-variety columns (channels, currencies, kinds, categories):
/// a million-line file then makes a handful of these strings instead of millions. Bounded, so a column that turns out
/// to vary (or a hostile file) costs a plain allocation per value, not memory.
/// </summary>
internal sealed class ImportStrings
{
    private const int MaxEntries = 4096;
    private const int MaxChars = 64;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ImportStrings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of UTF-8 bytes (as <see cref="Encoding.UTF8"/> decodes them), or null for none.</summary>
    public string? Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        if (utf8.Length > MaxChars)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var text = chars[..length];
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var made = text.ToString();
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(made, made);
        }

        return made;
    }
}
