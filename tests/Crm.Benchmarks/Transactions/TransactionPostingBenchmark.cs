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
        // "suite": everything the AppHost runs, so every posting's event is also consumed by profitability,
        // segmentation and loyalty on the same cores. "customers": the posting path alone — the customers service,
        // its durable database and broker, and the gateway — as it would run with the other services elsewhere.
        var scope = options.String("scope", "suite");
        var folder = TestFolders.Create("crm-postings-bench-");
        try
        {
            await using IPostingTarget target = scope == "customers" ? (IPostingTarget)await PostingPathAlone.StartAsync(folder) : await PostingPathInSuite.StartAsync(folder, ApiKey);
            var customers = await RegisterCustomersAsync(target.Gateway, customerCount);
            Console.WriteLine($"scope {scope}: registered {customers.Count} customers; warming up...");
            await new OpenLoad(target.Gateway, customers, "warm-up").RunAsync(rate, 15);
            await new OpenLoad(target.Direct, customers, "warm-up-direct").RunAsync(rate, 15);

            // Gateway, direct, gateway again: the second gateway run shows how much of a difference is warm-up order.
            foreach (var (label, client, run) in new[] { ("through the gateway", target.Gateway, "gateway"), ("direct to customers", target.Direct, "direct"), ("through the gateway", target.Gateway, "gateway-again") })
            {
                var machine = new MachineTime();
                var processes = new ProcessTime();
                Report(label, rate, await new OpenLoad(client, customers, run).RunAsync(rate, seconds), machine, processes);
            }
        }
        finally
        {
            TestFolders.TryDelete(folder);
        }

        return 0;
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

    private static void Report(string label, int rate, OpenLoopResult result, MachineTime machine, ProcessTime processes)
    {
        var failures = result.Statuses.Where(pair => pair.Key != "201").ToList();
        Console.WriteLine(
            $"{label}: {result.Latencies.Count} postings at {result.AchievedRate:F0}/s (target {rate}/s), " +
            $"p50 {Percentiles.Of(result.Latencies, 50):F1} ms, p90 {Percentiles.Of(result.Latencies, 90):F1} ms, " +
            $"p99 {Percentiles.Of(result.Latencies, 99):F1} ms, max {result.Latencies.Max():F1} ms, " +
            $"not 201: {(failures.Count == 0 ? "none" : string.Join(", ", failures.Select(pair => $"{pair.Key} ×{pair.Value}")))}");
        Console.WriteLine($"  {result.Stalls(25)}; {machine.Since()}");
        Console.WriteLine($"  {processes.Since()}");
    }
}
