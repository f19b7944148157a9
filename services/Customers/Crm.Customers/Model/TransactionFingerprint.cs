using System.Security.Cryptography;
using System.Text.Json;
using Crm.Contracts.Customers;

namespace Crm.Customers.Model;

/// <summary>
/// A hash of what a transaction says, so a retry with the same id (through the API or a re-import) is recognised
/// and a different transaction reusing the id is not mistaken for one.
/// </summary>
public static class TransactionFingerprint
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Of(PostTransaction transaction)
    {
        var normalized = transaction with
        {
            Kind = transaction.Kind ?? TransactionKinds.Sale,
            OccurredAt = transaction.OccurredAt.ToUniversalTime(),
            Lines = transaction.Lines?.Select(line => line with
            {
                Quantity = Normalize(line.Quantity),
                UnitPrice = Normalize(line.UnitPrice),
                Discount = Normalize(line.Discount),
                Allowance = Normalize(line.Allowance),
                UnitCost = Normalize(line.UnitCost),
            }).ToList(),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(normalized, Options)));
    }

    // 1.5 and 1.50 are the same amount; dividing by one with many zeros drops the trailing zeros of the scale.
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
