using System.Text.Json;

namespace Crm.Loyalty.Tests;

internal static class Json
{
    /// <summary>The API's JSON: camelCase with enums by name.</summary>
    public static readonly JsonSerializerOptions Options = LoyaltyJson.Options;
}
