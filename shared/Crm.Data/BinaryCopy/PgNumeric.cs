using System.Buffers.Binary;
using System.Numerics;

namespace Crm.Data.BinaryCopy;

/// <summary>
/// A <see cref="decimal"/> in PostgreSQL's binary <c>numeric</c> form: four int16 fields (the number of digits, the
/// weight of the first digit, the sign, the display scale), then the digits in base 10,000, most significant first,
/// grouped from the decimal point. The display scale is the decimal's own scale, as Npgsql writes it; a column's
/// typmod then rounds it as it would any other input.
/// </summary>
internal static class PgNumeric
{
    /// <summary>A decimal has at most 29 digits; padded to whole groups on both sides of the point that is 9 groups.</summary>
    public const int MaxBytes = 8 + 2 * 9;

    private const ushort Positive = 0x0000;
    private const ushort Negative = 0x4000;
    private const int GroupBase = 10_000;

    private static readonly uint[] PadToGroup = [1, 1_000, 100, 10];

    /// <summary>Writes the value's binary form into <paramref name="destination"/> and returns its length in bytes.</summary>
    public static int Write(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var fractionGroups = (scale + 3) / 4;

        // The unscaled 96-bit integer, padded with zeros so the fraction fills whole groups: 123.45 → 1234500.
        var digits = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]) * PadToGroup[scale % 4];
        Span<short> groups = stackalloc short[9];
        var count = digits <= ulong.MaxValue ? Split((ulong)digits, groups) : Split(digits, groups);

        // Zero groups at the end say nothing PostgreSQL needs; the display scale keeps the written precision.
        var lowest = 0;
        while (lowest < count && groups[lowest] == 0)
        {
            lowest++;
        }

        var digitCount = count - lowest;
        BinaryPrimitives.WriteInt16BigEndian(destination, (short)digitCount);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)(digitCount == 0 ? 0 : count - fractionGroups - 1));
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], digitCount != 0 && bits[3] < 0 ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)scale);
        for (var i = 0; i < digitCount; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[(8 + 2 * i)..], groups[count - 1 - i]);
        }

        return 8 + 2 * digitCount;
    }

    /// <summary>
    /// Base-10,000 groups, least significant first; returns how many. Generic so amounts that fit in 64 bits (nearly
    /// all) divide as <see cref="ulong"/> and only the rest as <see cref="UInt128"/>.
    /// </summary>
    private static int Split<T>(T digits, Span<short> groups)
        where T : IBinaryInteger<T>
    {
        var groupBase = T.CreateTruncating(GroupBase);
        var count = 0;
        while (!T.IsZero(digits))
        {
            (digits, var group) = T.DivRem(digits, groupBase);
            groups[count++] = short.CreateTruncating(group);
        }

        return count;
    }
}
