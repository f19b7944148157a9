using System.Diagnostics;
using Crm.Segmentation.Data;
using Crm.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Benchmarks.Segmentation;

/// <summary>
/// Issue 6's recompute figure, for the parts that exist: RFM quintiles and lifetime-value deciles measured over
/// 1,000,000 customers and everyone rescored, in one transaction, through the segmentation service's own code.
/// The customers' facts are generated in the database (not timed): purchase days 1–30, last purchase within two
/// years, revenue and lifetime value skewed like real bases.
/// </summary>
public static class PopulationRecomputeBenchmark
{
    private const string GenerateSql = """
        insert into customer_facts (customer_id, last_purchase, purchase_days, revenue, lifetime_value, updated_at)
        select gen_random_uuid(),
               current_date - (random() * 730)::integer,
               1 + floor(30 * random() ^ 3)::integer,
               round((20 + 2000 * random() ^ 4)::numeric, 2),
               case when random() < 0.9 then round((500 * random() ^ 3)::numeric, 2) end,
               now()
        from generate_series(1, @Customers)
        """;

    public static async Task<int> RunAsync(Options options)
    {
        var customers = options.Int("customers", 1_000_000);
        var runs = options.Int("runs", 3);
        var infrastructure = await TestInfrastructure.StartAsync();
        try
        {
            var environment = await infrastructure.CreateEnvironmentAsync("segmentationdb");
            var settings = environment.Settings();
            settings["Segmentation:RecomputeInterval"] = "00:00:00";
            await using var service = InProcessService.Start<CustomerFactStore>(settings);
            using var _ = service.CreateClient();
            await using (var connection = environment.OpenDatabase("segmentationdb"))
            {
                var generating = Stopwatch.StartNew();
                await connection.ExecuteAsync(new CommandDefinition(GenerateSql, new { Customers = customers }, commandTimeout: 600));
                await connection.ExecuteAsync("vacuum analyze customer_facts");
                Console.WriteLine($"{customers:N0} customers' facts generated in {generating.Elapsed.TotalSeconds:F1} s (not timed below)");
            }

            var recompute = service.Services.GetRequiredService<PopulationRecompute>();
            var times = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var outcome = await recompute.RunAsync(CancellationToken.None);
                times.Add(outcome.Duration.TotalSeconds);
                Console.WriteLine($"run {run}: RFM + value deciles over {outcome.Customers:N0} customers ({outcome.Buyers:N0} buyers, {outcome.Valued:N0} valued) in {outcome.Duration.TotalSeconds:F2} s");
            }

            times.Sort();
            Console.WriteLine($"population recompute: best {times[0]:F2} s, median {times[times.Count / 2]:F2} s");
        }
        finally
        {
            await infrastructure.StopAsync();
        }

        return 0;
    }
}
