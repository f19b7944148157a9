using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Crm.Customers.Imports;

/// <summary>
/// Turns an upload in another character set into UTF-8 as it is spooled, so that imports read UTF-8 only. Bytes that
/// are not valid in the declared set become a byte that is never valid UTF-8, which the readers reject with the line
/// it is on: a wrong charset must not store U+FFFD in a customer's name.
/// </summary>
internal sealed class Utf8Transcoder
{
    // What the decoder puts for invalid input: a noncharacter, valid UTF-16 (which a decoder's fallback must be), that
    // no text needs. Written out as 0xFF, never part of UTF-8.
    private const char InvalidMark = '\uFFFF';
    private const byte InvalidByte = 0xFF;
    private const int BomBytes = 2;

    private readonly Encoding _declared;
    private Decoder? _decoder;
    private byte[] _head = [];
    private bool _atStart = true;
    private char[] _chars = [];
    private byte[] _utf8 = [];

    public Utf8Transcoder(Encoding declared) => _declared = declared;

    /// <summary>Transcodes the next bytes of the upload; the result is valid until the next call.</summary>
    public ReadOnlyMemory<byte> Transcode(ReadOnlySpan<byte> input, bool final)
    {
        if (_decoder is null)
        {
            // The first bytes may hold a byte order mark; wait until there are enough to tell.
            if (_head.Length + input.Length < BomBytes && !final)
            {
                _head = [.. _head, .. input];
                return ReadOnlyMemory<byte>.Empty;
            }

            if (_head.Length > 0)
            {
                byte[] joined = [.. _head, .. input];
                input = joined;
                _head = [];
            }

            _decoder = EncodingOf(input).GetDecoder();
        }

        var chars = Decode(input, final);
        if (_atStart && chars.Length > 0)
        {
            _atStart = false;
            if (chars[0] == '\uFEFF')
            {
                chars = chars[1..];
            }
        }

        return Encode(chars);
    }

    /// <summary>
    /// The declared encoding with invalid input marked. "utf-16" without an order says little-endian in .NET; a byte
    /// order mark, as Windows tools write, says which.
    /// </summary>
    private Encoding EncodingOf(ReadOnlySpan<byte> start)
    {
        var codePage = _declared.CodePage;
        if (codePage is 1200 or 1201 && start.Length >= BomBytes)
        {
            codePage = start[0] == 0xFE && start[1] == 0xFF ? 1201 : start[0] == 0xFF && start[1] == 0xFE ? 1200 : codePage;
        }

        return Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(InvalidMark.ToString()));
    }

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> input, bool final)
    {
        var most = _decoder!.GetCharCount(input, final);
        if (_chars.Length < most)
        {
            _chars = new char[Math.Max(most, 4096)];
        }

        return _chars.AsSpan(0, _decoder.GetChars(input, _chars, final));
    }

    private ReadOnlyMemory<byte> Encode(ReadOnlySpan<char> chars)
    {
        if (_utf8.Length < chars.Length * 3)
        {
            _utf8 = new byte[Math.Max(chars.Length * 3, 4096)];
        }

        var written = 0;
        while (true)
        {
            var mark = chars.IndexOf(InvalidMark);
            var text = mark < 0 ? chars : chars[..mark];
            if (Utf8.FromUtf16(text, _utf8.AsSpan(written), out _, out var bytes) != OperationStatus.Done)
            {
                throw new InvalidOperationException("The UTF-8 buffer is too small for the decoded text.");
            }

            written += bytes;
            if (mark < 0)
            {
                return _utf8.AsMemory(0, written);
            }

            _utf8[written++] = InvalidByte;
            chars = chars[(mark + 1)..];
        }
    }
}
