using System.Text.Json;
using Crm.Loyalty.Model.Earning;

namespace Crm.Loyalty.Data;

/// <summary>A member's counters as the account stores them: one json object of key to amount.</summary>
public static class StoredCounters
{
    public static EarningCounters Read(string json) => EarningCounters.Load(JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? []);

    public static string Write(EarningCounters counters) => JsonSerializer.Serialize(counters.Values);
}
