using System.Buffers.Binary;

namespace Crm.Data;

/// <summary>
/// Version 7 ids for rows written together, each greater than the one before: the time of <c>now</c>, then a random
/// start counted up by one per id (RFC 9562, "monotonic random"). <see cref="Guid.CreateVersion7(DateTimeOffset)"/>
/// makes ids of the same millisecond in random order, so each insert into a uuid primary key lands somewhere inside
/// the index; ids in insertion order are appended at its right edge, where PostgreSQL skips the descent from the root.
/// </summary>
public sealed class AscendingIds
{
    // Bit 47 of the counter (the top bit of its six bytes) starts at zero, so counting up never carries into the bits
    // above it: 2^47 ids from any start.
    private const ulong CounterHeadroom = ~(1UL << 47);

    private readonly ulong _high;
    private ulong _low;

    public AscendingIds(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(now).TryWriteBytes(bytes, bigEndian: true, out _);
        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]) & CounterHeadroom;
    }

    public Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _low++);
        return new Guid(bytes, bigEndian: true);
    }
}
