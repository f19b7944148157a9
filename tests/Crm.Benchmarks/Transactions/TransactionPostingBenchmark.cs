using System.Net.Http.Json;
using System.Text.Json;
using Crm.Testing;

namespace Crm.Benchmarks.Transactions;

/// <summary>
/// Issue 4's latency figure: single transaction postings at a fixed rate through the gateway of a running suite,
/// with the same load sent straight to the customers service beside it for comparison.
/// </summary>
public static class TransactionPostingBenchmark
{
    private const string ApiKey = "benchmark-point-of-sale";

    public static async Task<int> RunAsync(Options options)
    {
        var rate = options.Int("rate", 300);
        var seconds = options.Int("seconds", 30);
        var customerCount = options.Int("customers", 500);
        var state = RunningAppHost.NewStateDirectory();
        try
        {
            // The point-of-sale feed is an integration with its own key and quota, not an anonymous browser.
            await using var suite = await RunningAppHost.StartAsync(state, new Dictionary<string, string?> { ["Gateway__RateLimit__ApiKeys__0"] = ApiKey });
            var direct = new HttpClient { BaseAddress = await CustomersEndpointAsync(suite) };
            suite.Gateway.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

            var customers = await RegisterCustomersAsync(suite.Gateway, customerCount);
            Console.WriteLine($"registered {customers.Count} customers; warming up...");
            await new OpenLoad(suite.Gateway, customers, "warm-up").RunAsync(rate, 15);
            await new OpenLoad(direct, customers, "warm-up-direct").RunAsync(rate, 15);

            // Gateway, direct, gateway again: the second gateway run shows how much of a difference is warm-up order.
            Report("through the gateway", rate, await new OpenLoad(suite.Gateway, customers, "gateway").RunAsync(rate, seconds));
            Report("direct to customers", rate, await new OpenLoad(direct, customers, "direct").RunAsync(rate, seconds));
            Report("through the gateway", rate, await new OpenLoad(suite.Gateway, customers, "gateway-again").RunAsync(rate, seconds));
            await suite.StopAsync();
        }
        finally
        {
            TestFolders.TryDelete(state);
        }

        return 0;
    }

    private static async Task<Uri> CustomersEndpointAsync(RunningAppHost suite)
    {
        var instances = await suite.InstancesAsync();
        var endpoint = instances["customers"].GetProperty("endpoints").EnumerateArray().First().GetString()!;
        return new Uri(endpoint);
    }

    private static async Task<List<Guid>> RegisterCustomersAsync(HttpClient gateway, int count)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var response = await gateway.PostAsJsonAsync("/api/customers", new { externalId = $"bench-{Guid.NewGuid():N}", name = $"Benchmark customer {i}" });
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        return ids;
    }

    private static void Report(string label, int rate, LoadResult result)
    {
        Console.WriteLine(
            $"{label}: {result.Latencies.Count} postings at {result.AchievedRate:F0}/s (target {rate}/s), " +
            $"p50 {Percentiles.Of(result.Latencies, 50):F1} ms, p90 {Percentiles.Of(result.Latencies, 90):F1} ms, " +
            $"p99 {Percentiles.Of(result.Latencies, 99):F1} ms, max {result.Latencies.Max():F1} ms, " +
            $"not 201: {(result.Failures.Count == 0 ? "none" : string.Join(", ", result.Failures.Select(pair => $"{pair.Key} ×{pair.Value}")))}");
    }
}
