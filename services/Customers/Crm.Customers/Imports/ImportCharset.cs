using System.Text;
using Microsoft.Net.Http.Headers;

namespace Crm.Customers.Imports;

/// <summary>The character set of an upload: the charset parameter of its content type, UTF-8 when there is none.</summary>
internal static class ImportCharset
{
    public const string Supported = "utf-8 (the default), utf-16, utf-16be, utf-32, iso-8859-1 (latin1) or us-ascii";

    /// <summary>
    /// Whether the upload's charset is one .NET reads. <paramref name="encoding"/> is null for UTF-8, which is spooled
    /// as it is; any other is transcoded to UTF-8 on the way to disk (<see cref="Utf8Transcoder"/>).
    /// </summary>
    public static bool TryFrom(string? contentType, out Encoding? encoding, out string? charset)
    {
        encoding = null;
        charset = null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.Charset.Length == 0)
        {
            return true;
        }

        charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString();
        try
        {
            encoding = Encoding.GetEncoding(charset);
        }
        catch (Exception unknown) when (unknown is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: UTF-7, which .NET no longer reads.
            return false;
        }

        if (encoding.CodePage == Encoding.UTF8.CodePage)
        {
            encoding = null;
        }

        return true;
    }
}
