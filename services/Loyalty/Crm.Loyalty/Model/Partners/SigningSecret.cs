using System.Security.Cryptography;

namespace Crm.Loyalty.Model.Partners;

/// <summary>
/// A partner's signing secret in the Standard Webhooks form, <c>whsec_</c> and the base64 of random key bytes. The
/// HMAC is keyed with the decoded bytes, so a partner's off-the-shelf Standard Webhooks library signs with the secret
/// exactly as we hand it over.
/// </summary>
public static class SigningSecret
{
    public const string Prefix = "whsec_";

    // 256 bits, the size of an HMAC-SHA256 output; the Standard Webhooks specification asks for 24 to 64 bytes.
    private const int KeyLength = 32;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyLength);

    public static string Format(byte[] key) => Prefix + Convert.ToBase64String(key);

    /// <summary>The key behind a secret (with or without its prefix, as the reference libraries accept it); null if it is not base64.</summary>
    public static byte[]? KeyOf(string secret)
    {
        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        var key = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, key, out var written) && written > 0 ? key[..written] : null;
    }
}
