using System.Security.Cryptography;
using System.Text.Json;
using Crm.Contracts.Customers;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>
/// Fingerprints are stored: the hand-written JSON must stay byte for byte what the serializer wrote for the normalized
/// record when the first transactions were recorded, or retries and re-imports of them would be refused.
/// </summary>
public sealed class TransactionFingerprintTests
{
    public static TheoryData<string> Cases => [.. Transactions.Keys];

    private static readonly Dictionary<string, PostTransaction> Transactions = new(StringComparer.Ordinal)
    {
        ["plain sale"] = new("T-1", new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)), "store", "EUR",
            [new("SKU-1", "books", 2, 12.50m, 0.50m, 0, 6.40m), new("SKU-2", "music", 1, 4m)]),
        ["return with kind and original"] = new("R-1", new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero), "web", "USD",
            [new("SKU-1", "books", 1, 12.5000m, UnitCost: 6.4000m)], TransactionKinds.Return, "T-1"),
        ["trailing zeros and big scales"] = new("T-2", new DateTimeOffset(2023, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-5)).AddTicks(1234),
            "app", "JPY", [new("S", "c", 1.500m, 1000000.0000m, 100.00m, 0.01m, 0.0001m), new("S", "c", 999999.999m, 0.0000m)]),
        ["text that JSON escapes"] = new("T-\"3\" <&> 'x' +", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "phone", "EUR",
            [new("Größe ñ 日本 😀 \\ /", "café\u00a0bar", 3, 1.99m)]),
        ["no lines"] = new("T-4", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "store", "EUR", []),
        ["nothing but an id"] = new("T-5", default, null, null, null),
        ["explicit sale kind"] = new("T-6", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "store", "EUR",
            [new("SKU-1", null, 1, 1m)], TransactionKinds.Sale),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_the_serializer_fingerprint_of_the_normalized_record(string name)
    {
        var transaction = Transactions[name];
        Assert.Equal(Reference(transaction), TransactionFingerprint.Of(transaction));
    }

    [Fact]
    public void Ignores_trailing_zeros_offsets_and_a_defaulted_kind()
    {
        var posted = Transactions["plain sale"];
        var same = posted with
        {
            OccurredAt = posted.OccurredAt.ToUniversalTime(),
            Kind = TransactionKinds.Sale,
            Lines = [.. posted.Lines!.Select(line => line with { UnitPrice = line.UnitPrice * 1.00m, Quantity = line.Quantity * 1.000m })],
        };
        Assert.Equal(TransactionFingerprint.Of(posted), TransactionFingerprint.Of(same));
        Assert.NotEqual(TransactionFingerprint.Of(posted), TransactionFingerprint.Of(posted with { Channel = "web" }));
    }

    [Fact]
    public void Equals_the_serializer_fingerprint_for_amounts_of_every_scale_sign_and_size()
    {
        // Amounts with and without trailing zeros, whole and not, zeros of every scale (and negative zero), up to the
        // decimal's 96-bit limit: the fingerprint's own normalization must agree with the division the reference uses.
        var random = new Random(20261206);
        decimal[] edges = [0m, 0.000m, new(0, 0, 0, true, 0), new(0, 0, 0, true, 5), decimal.MaxValue, decimal.MinValue,
            0.0000000000000000000000000001m, 1000000m, 1000000.000m, -10m, -10.10m, 79228162514264337593543950330m];
        decimal Amount() => random.Next(4) switch
        {
            0 => edges[random.Next(edges.Length)],
            1 => new decimal(random.Next(0, 100_000) * 10, 0, 0, random.Next(2) == 0, (byte)random.Next(0, 6)),
            2 => new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(0, 29)),
            _ => new decimal(random.Next(0, 1_000_000), 0, 0, random.Next(2) == 0, (byte)random.Next(0, 5)),
        };

        for (var i = 0; i < 2_000; i++)
        {
            var transaction = new PostTransaction($"T-{i}", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "store", "EUR",
                [new("S", "c", Amount(), Amount(), Amount(), Amount(), Amount()), new("S", "c", Amount(), Amount())]);
            Assert.Equal(Reference(transaction), TransactionFingerprint.Of(transaction));
        }
    }

    /// <summary>How fingerprints were first computed (and are stored): the serializer over the normalized record.</summary>
    private static string Reference(PostTransaction transaction)
    {
        var normalized = transaction with
        {
            Kind = transaction.Kind ?? TransactionKinds.Sale,
            OccurredAt = transaction.OccurredAt.ToUniversalTime(),
            Lines = transaction.Lines?.Select(line => line with
            {
                Quantity = line.Quantity / 1.000000000000000000000000000000000m,
                UnitPrice = line.UnitPrice / 1.000000000000000000000000000000000m,
                Discount = line.Discount / 1.000000000000000000000000000000000m,
                Allowance = line.Allowance / 1.000000000000000000000000000000000m,
                UnitCost = line.UnitCost / 1.000000000000000000000000000000000m,
            }).ToList(),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(normalized, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }
}
