using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Crm.Loyalty.Tests.Partners;

/// <summary>
/// Signs deliveries the way a partner following the published recipe does, written from the recipe rather than from
/// the service's code: the key is the base64 after "whsec_", the HMAC-SHA256 covers "{id}.{timestamp}.{body}", and the
/// header is "v1," and its base64.
/// </summary>
internal sealed class PartnerSender(HttpClient client, Guid partnerId, string secret)
{
    public Guid PartnerId => partnerId;

    public string Secret { get; set; } = secret;

    public static string Body(Guid customerId, string kind, decimal amount, DateTimeOffset? occurredAt = null) =>
        JsonSerializer.Serialize(new { customerId, kind, amount, occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddMinutes(-1) });

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }

    /// <summary>A delivery signed now (or at <paramref name="sentAt"/>) with the partner's secret, or <paramref name="signWith"/>.</summary>
    public HttpRequestMessage Signed(string id, string body, DateTimeOffset? sentAt = null, string? signWith = null)
    {
        var timestamp = (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loyalty/partners/{partnerId}/transactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Sign(signWith ?? Secret, id, timestamp, body));
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    public Task<HttpResponseMessage> PostAsync(string id, string body, DateTimeOffset? sentAt = null) => SendAsync(Signed(id, body, sentAt));
}
