using System.Text.Unicode;

namespace Crm.Customers.Imports;

/// <summary>
/// Reads an NDJSON file line by line with a bounded buffer: a line longer than the limit is reported as too long
/// and skipped, never buffered whole. Blank lines are passed over. A line that is not valid UTF-8 is reported as such:
/// System.Text.Json would otherwise fail on it with an exception that is not a JsonException, or not at all.
/// </summary>
internal static class NdjsonReader
{
    public const int MaxLineBytes = 1024 * 1024;

    public static IEnumerable<NdjsonLine> Lines(string path, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[256 * 1024];
        int start = 0, end = 0;
        long number = 0;
        var skipping = false;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (end - start >= MaxLineBytes)
                {
                    // Too long: report once, then drop bytes until the line ends.
                    if (!skipping)
                    {
                        yield return NdjsonLine.TooLong(number + 1);
                        skipping = true;
                    }

                    start = end = 0;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes + 1));
                }

                cancellationToken.ThrowIfCancellationRequested();
                var read = file.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    if (end > start && !skipping)
                    {
                        number++;
                        if (!IsBlank(buffer.AsSpan(start, end - start)))
                        {
                            yield return Line(number, buffer.AsMemory(start, end - start));
                        }
                    }

                    yield break;
                }

                end += read;
                continue;
            }

            number++;
            var line = buffer.AsMemory(start, newline);
            start += newline + 1;
            if (skipping)
            {
                skipping = false;
                continue;
            }

            if (!IsBlank(line.Span))
            {
                yield return Line(number, line);
            }
        }
    }

    private static NdjsonLine Line(long number, ReadOnlyMemory<byte> json) =>
        Utf8.IsValid(json.Span) ? new NdjsonLine(number, json) : NdjsonLine.NotText(number);

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;
}
