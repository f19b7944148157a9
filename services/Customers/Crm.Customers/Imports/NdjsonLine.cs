namespace Crm.Customers.Imports;

/// <summary>One line of an NDJSON file: its 1-based number and bytes (valid until the next line is read).</summary>
internal readonly record struct NdjsonLine(long Number, ReadOnlyMemory<byte> Json, bool TooLong)
{
    /// <summary>The error a line over <see cref="NdjsonReader.MaxLineBytes"/> is rejected with.</summary>
    public ImportRowError TooLongError() => new(Number, null, $"is longer than {NdjsonReader.MaxLineBytes} bytes.");
}
