using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Loyalty;

/// <summary>How loyalty writes definitions it stores as JSON: as the API shows them (camelCase, enums by name).</summary>
public static class LoyaltyJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static void Configure(JsonSerializerOptions options) =>
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
