using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Crm.Contracts.Customers;

namespace Crm.Customers.Model;

/// <summary>
/// A hash of what a transaction says, so a retry with the same id (through the API or a re-import) is recognised
/// and a different transaction reusing the id is not mistaken for one.
/// </summary>
/// <remarks>
/// The hash is of the transaction serialized as JSON (web defaults: camelCase, the record's property order, nulls
/// written) with its kind defaulted, its time in UTC and its amounts without trailing zeros. Fingerprints are stored,
/// so these bytes must never change: they are written here by hand (a bulk import hashes hundreds of thousands of
/// transactions a minute and the serializer's copies and reflection cost more than the hash), and a test keeps them
/// equal to <c>JsonSerializer</c>'s output of the normalized record.
/// </remarks>
public static class TransactionFingerprint
{
    private static readonly JsonEncodedText TransactionId = JsonEncodedText.Encode("transactionId");
    private static readonly JsonEncodedText OccurredAt = JsonEncodedText.Encode("occurredAt");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText OriginalTransactionId = JsonEncodedText.Encode("originalTransactionId");
    private static readonly JsonEncodedText Sku = JsonEncodedText.Encode("sku");
    private static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText UnitPrice = JsonEncodedText.Encode("unitPrice");
    private static readonly JsonEncodedText Discount = JsonEncodedText.Encode("discount");
    private static readonly JsonEncodedText Allowance = JsonEncodedText.Encode("allowance");
    private static readonly JsonEncodedText UnitCost = JsonEncodedText.Encode("unitCost");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Of(PostTransaction transaction)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);

        writer.WriteStartObject();
        writer.WriteString(TransactionId, transaction.TransactionId);
        writer.WriteString(OccurredAt, transaction.OccurredAt.ToUniversalTime());
        writer.WriteString(Channel, transaction.Channel);
        writer.WriteString(Currency, transaction.Currency);
        if (transaction.Lines is { } lines)
        {
            writer.WriteStartArray(Lines);
            for (var i = 0; i < lines.Count; i++)
            {
                WriteLine(writer, lines[i]);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull(Lines);
        }

        writer.WriteString(Kind, transaction.Kind ?? TransactionKinds.Sale);
        writer.WriteString(OriginalTransactionId, transaction.OriginalTransactionId);
        writer.WriteEndObject();
        writer.Flush();

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void WriteLine(Utf8JsonWriter writer, TransactionLineInput? line)
    {
        if (line is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(Sku, line.Sku);
        writer.WriteString(Category, line.Category);
        writer.WriteNumber(Quantity, Normalize(line.Quantity));
        writer.WriteNumber(UnitPrice, Normalize(line.UnitPrice));
        writer.WriteNumber(Discount, Normalize(line.Discount));
        writer.WriteNumber(Allowance, Normalize(line.Allowance));
        writer.WriteNumber(UnitCost, Normalize(line.UnitCost));
        writer.WriteEndObject();
    }

    // 1.5 and 1.50 are the same amount; dividing by one with many zeros drops the trailing zeros of the scale. A decimal
    // division is slow (1.3 % of a bulk import's CPU samples went into these), and most amounts have no trailing zero
    // to drop: an amount that is whole, or whose last digit is not 0, is already what the division would return.
    private static decimal Normalize(decimal value) =>
        value.Scale == 0 || LastDigit(value) != 0 ? value : value / 1.000000000000000000000000000000000m;

    private static int LastDigit(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        return (int)(mantissa % 10);
    }
}
