using System.Text.Json;

namespace Crm.Customers.Data;

/// <summary>How JSON columns are written and read: camelCase like the API.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Serialize<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, Options);
}
