using System.Security.Cryptography;
using System.Text;

namespace Crm.Loyalty.Model.Partners;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{raw body}</c>. A header
/// may carry several, space-separated (a sender in the middle of a key change signs with both); one match is enough.
/// </summary>
public static class WebhookSignature
{
    private const string Version = "v1,";

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(key, id, timestamp, body, signature);
        return Version + Convert.ToBase64String(signature);
    }

    /// <summary>
    /// Whether any signature of the header is this message's under <paramref name="key"/>. Every candidate is compared
    /// in constant time, so how long the answer takes says nothing about how close a forgery came.
    /// </summary>
    public static bool Matches(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body, string header)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(key, id, timestamp, body, expected);
        Span<byte> candidate = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        foreach (var signature in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other versions (an asymmetric v1a, say) are not ours to check; a signature of the wrong length cannot match.
            if (signature.StartsWith(Version, StringComparison.Ordinal)
                && Convert.TryFromBase64String(signature[Version.Length..], candidate, out var written)
                && written == candidate.Length)
            {
                matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }

        return matched;
    }

    private static void Compute(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
