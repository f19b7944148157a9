using System.Buffers;
using System.Text.Json;
using Crm.Contracts;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Events serialized as UTF-8 into buffers rented from <see cref="ArrayPool{T}.Shared"/>, handed to Npgsql as they
/// are. A bulk event is half a megabyte of JSON: as a string it was a fresh megabyte on the large-object heap per
/// event (UTF-16), which the garbage collector then swept in background gen-2 collections during every import.
/// Dispose returns the buffers once the command that sends them has completed.
/// </summary>
internal sealed class PooledPayloads : IDisposable
{
    private const int InitialSize = 4 * 1024;

    private readonly byte[][] _buffers;

    public PooledPayloads(IReadOnlyCollection<IIntegrationEvent> messages, JsonSerializerOptions options)
    {
        _buffers = new byte[messages.Count][];
        Payloads = new ReadOnlyMemory<byte>[messages.Count];
        var output = new RentedBufferWriter();
        using var writer = new Utf8JsonWriter(output);
        var i = 0;
        foreach (var message in messages)
        {
            output.Start();
            writer.Reset(output);
            JsonSerializer.Serialize(writer, message, message.GetType(), options);
            writer.Flush();
            (_buffers[i], Payloads[i]) = (output.Buffer, output.Written);
            i++;
        }
    }

    public ReadOnlyMemory<byte>[] Payloads { get; }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        Array.Clear(_buffers);
    }

    /// <summary>Writes into one rented buffer, renting a bigger one (and returning the old) when it fills.</summary>
    private sealed class RentedBufferWriter : IBufferWriter<byte>
    {
        private int _length;

        public byte[] Buffer { get; private set; } = [];

        public ReadOnlyMemory<byte> Written => Buffer.AsMemory(0, _length);

        /// <summary>Starts a new payload in a new rented buffer; the previous one now belongs to the caller.</summary>
        public void Start()
        {
            Buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
            _length = 0;
        }

        public void Advance(int count) => _length += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return Buffer.AsMemory(_length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return Buffer.AsSpan(_length);
        }

        private void Reserve(int sizeHint)
        {
            var needed = _length + Math.Max(sizeHint, 1);
            if (needed > Buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Buffer.Length * 2));
                Buffer.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = bigger;
            }
        }
    }
}
