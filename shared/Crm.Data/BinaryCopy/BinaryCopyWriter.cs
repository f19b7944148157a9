using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Crm.Data.BinaryCopy;

/// <summary>
/// Writes rows for <c>copy ... from stdin (format binary)</c> through Npgsql's raw COPY stream, encoding each value
/// straight into a buffer. Npgsql's <see cref="NpgsqlBinaryImporter"/> binds every value as a parameter first; on the
/// customers import (1.4 million rows of up to 17 values per million lines) that was the service's largest cost
/// (docs/benchmarks.md, issue 4). Only the types the bulk paths write: uuid, text, int4, timestamptz and numeric.
/// Call <see cref="EndRowAsync"/> after each row and <see cref="CompleteAsync"/> at the end; disposing an unfinished
/// copy cancels it, so the server stores none of its rows.
/// </summary>
public sealed class BinaryCopyWriter : IAsyncDisposable
{
    /// <summary>The buffer is sent once it holds this much, so a batch of any size takes a fixed amount of memory.</summary>
    private const int FlushThreshold = 64 * 1024;

    // The 11-byte signature, then the flags field and the length of the header extension, both zero.
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(2 * FlushThreshold);
    private int _length;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Header.CopyTo(_buffer, 0);
        _length = Header.Length;
    }

    /// <param name="copySql">A <c>copy ... from stdin (format binary)</c> statement naming the columns in write order.</param>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copySql, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copySql, cancellationToken));

    public void StartRow(short columns) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), columns);

    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void WriteUuid(Guid value)
    {
        var span = Reserve(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        // PostgreSQL keeps a uuid's 16 bytes in the order they are written (RFC 9562), which .NET calls big-endian.
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    public void WriteInt32(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    /// <summary>
    /// The instant, as microseconds since 2000-01-01 UTC (the offset only says how it was written down). Unlike Npgsql,
    /// <see cref="DateTimeOffset.MinValue"/> is written as itself, not as <c>-infinity</c>.
    /// </summary>
    public void WriteTimestampTz(DateTimeOffset value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], (value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    public void WriteText(string value)
    {
        var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _length -= span.Length - 4 - length;
    }

    public void WriteNumeric(decimal value)
    {
        var span = Reserve(4 + PgNumeric.MaxBytes);
        var length = PgNumeric.Write(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _length -= span.Length - 4 - length;
    }

    /// <summary>Sends what is buffered once it passes the threshold; completes synchronously otherwise.</summary>
    public ValueTask EndRowAsync(CancellationToken cancellationToken) =>
        _length >= FlushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Writes the trailer and ends the copy; the server has checked and stored every row when this returns.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        await FlushAsync(cancellationToken);
        _completed = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _stream.CancelAsync();
        }

        await _stream.DisposeAsync();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    /// <summary>The next <paramref name="size"/> bytes of the buffer, counted as written (callers give back what they leave unused).</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
        {
            // Only a value bigger than the buffer's free half gets here; the buffer grows to hold it.
            var bigger = ArrayPool<byte>.Shared.Rent(_length + size);
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }
}
