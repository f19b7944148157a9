namespace Crm.Customers.Imports;

/// <summary>
/// One line of an NDJSON file: its 1-based number and bytes (valid until the next line is read), or why it cannot be
/// read at all (too long, or not UTF-8 text), when <see cref="Unreadable"/> is set.
/// </summary>
internal readonly record struct NdjsonLine(long Number, ReadOnlyMemory<byte> Json, ImportRowError? Unreadable = null)
{
    public static NdjsonLine TooLong(long number) => new(number, ReadOnlyMemory<byte>.Empty,
        new ImportRowError(number, null, $"is longer than {NdjsonReader.MaxLineBytes} bytes."));

    public static NdjsonLine NotText(long number) => new(number, ReadOnlyMemory<byte>.Empty,
        new ImportRowError(number, null, ImportValues.NotTextMessage));
}
