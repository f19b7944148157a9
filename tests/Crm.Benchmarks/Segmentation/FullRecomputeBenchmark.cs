using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Segmentation.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Benchmarks.Segmentation;

/// <summary>
/// Issue 6's recompute figure: the full recompute job (POST /api/segments/recomputes) over 1,000,000 customers and
/// 20 rule segments — RFM quintiles and value deciles measured, then every segment evaluated over every customer and
/// the membership changes written with their events. The customers' facts and consents are generated in the database
/// (not timed) with the skew of real bases. The first job finds everyone outside every segment and writes every
/// entry (what the segments' own evaluation does when they are defined over an existing base). The next finds
/// nothing changed: the cost of measuring and evaluating alone. Each of the <c>--runs</c> after it is preceded by a
/// share of the customers (<c>--drift</c> percent) changed behind the service's back — a new purchase today, a new
/// lifetime value — so the cut points move and those customers are found out of place: more than events would leave
/// for a scheduled run, since events keep membership current between runs.
/// </summary>
public static class FullRecomputeBenchmark
{
    private const string GenerateFactsSql = """
        with drawn as (
            select gen_random_uuid() as id, random() as source, random() as country, random() as since, random() as attributes,
                   random() as vip, random() < 0.85 as buyer, random() as last, random() as days, random() as revenue,
                   random() as value, random() as alive
            from generate_series(1, @Customers)
        )
        insert into customer_facts (customer_id, acquisition_source, country, customer_since, attributes, first_purchase, last_purchase,
                                    purchase_days, revenue, lifetime_value, probability_alive, profit, churn_risk, profit_band, updated_at)
        select id,
               (array['search', 'social', 'referral', 'store', 'email', 'partner'])[1 + floor(6 * source ^ 1.5)::integer],
               (array['DE', 'DE', 'DE', 'FR', 'FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'PL', 'SE', 'DK', 'NO', 'FI'])[1 + floor(15 * country)::integer],
               current_date - (3650 * since)::integer,
               case when attributes < 0.2 then jsonb_build_object('vip', vip < 0.1, 'store', 'S' || (1 + floor(50 * vip))::integer) end,
               case when buyer then current_date - (730 * last)::integer - (400 * days)::integer end,
               case when buyer then current_date - (730 * last)::integer end,
               case when buyer then 1 + floor(30 * days ^ 3)::integer else 0 end,
               case when buyer then round((20 + 2000 * revenue ^ 4)::numeric, 2) else 0 end,
               case when value < 0.9 then round((500 * (value / 0.9) ^ 3)::numeric, 2) end,
               alive,
               round((300 * revenue ^ 2 - 40)::numeric, 2),
               case when alive < 0.3 then 'high' when alive < 0.6 then 'medium' else 'low' end,
               case when 300 * revenue ^ 2 - 40 < 0 then 'loss' when 300 * revenue ^ 2 - 40 <= 10 then 'breakEven' else 'profitable' end,
               now()
        from drawn
        """;

    private const string GenerateConsentsSql = """
        insert into consents (customer_id, channel, purpose, granted, changed_at)
        select f.customer_id, c.channel, c.purpose, random() < c.granted, now()
        from customer_facts f,
             (values ('email', 'marketing', 0.75, 0.8), ('sms', 'marketing', 0.35, 0.4), ('postalMail', 'marketing', 0.2, 0.25),
                     ('email', 'service', 0.95, 0.9)) as c(channel, purpose, recorded, granted)
        where random() < c.recorded
        """;

    private const string DriftSql = """
        update customer_facts set last_purchase = current_date, first_purchase = coalesce(first_purchase, current_date),
            purchase_days = purchase_days + 1, revenue = revenue + 80, updated_at = now()
        where random() < @Share;
        update customer_facts set lifetime_value = round(coalesce(lifetime_value, 20) * (0.5 + random())::numeric, 2), updated_at = now()
        where random() < @Share;
        """;

    private const string UnsentSql = "select count(*) from outbox where sent_at is null";

    private static readonly (string Name, string Rule)[] Segments =
    [
        ("Champions", """{ "field": "rfm.segment", "op": "eq", "value": "champions" }"""),
        ("Valuable at risk", """{ "all": [ { "field": "rfm.segment", "op": "in", "value": ["atRisk", "cannotLoseThem"] }, { "field": "valueTier", "op": "in", "value": ["platinum", "gold"] } ] }"""),
        ("Platinum", """{ "field": "valueTier", "op": "eq", "value": "platinum" }"""),
        ("Gold in Germany by email", """{ "all": [ { "field": "valueTier", "op": "eq", "value": "gold" }, { "field": "country", "op": "eq", "value": "DE" }, { "field": "consent", "op": "contains", "value": "email:marketing" } ] }"""),
        ("Hibernating", """{ "field": "rfm.segment", "op": "eq", "value": "hibernating" }"""),
        ("New customers", """{ "field": "rfm.segment", "op": "eq", "value": "newCustomers" }"""),
        ("Loyal by email", """{ "all": [ { "field": "consent", "op": "contains", "value": "email:marketing" }, { "field": "rfm.segment", "op": "in", "value": ["loyalCustomers", "champions"] } ] }"""),
        ("Big spenders", """{ "field": "revenue", "op": "gte", "value": 1000 }"""),
        ("Mid revenue", """{ "field": "revenue", "op": "between", "value": [100, 500] }"""),
        ("Lapsing repeat buyers", """{ "all": [ { "field": "daysSinceLastPurchase", "op": "between", "value": [180, 365] }, { "field": "purchases", "op": "gte", "value": 2 } ] }"""),
        ("Never bought", """{ "field": "purchases", "op": "eq", "value": 0 }"""),
        ("Nordics", """{ "field": "country", "op": "in", "value": ["SE", "DK", "NO", "FI"] }"""),
        ("High churn risk outside France", """{ "all": [ { "not": { "field": "country", "op": "eq", "value": "FR" } }, { "field": "churnRisk", "op": "eq", "value": "high" } ] }"""),
        ("Win-back", """{ "any": [ { "field": "rfm.segment", "op": "eq", "value": "atRisk" }, { "all": [ { "field": "churnRisk", "op": "eq", "value": "high" }, { "field": "valueTier", "op": "ne", "value": "bronze" } ] } ] }"""),
        ("Recent social sign-ups", """{ "all": [ { "field": "acquisitionSource", "op": "eq", "value": "social" }, { "field": "customerSince", "op": "gte", "value": "2023-01-01" } ] }"""),
        ("Loss-making", """{ "field": "profit", "op": "lt", "value": 0 }"""),
        ("SMS but not email", """{ "all": [ { "field": "consent", "op": "contains", "value": "sms:marketing" }, { "not": { "field": "consent", "op": "contains", "value": "email:marketing" } } ] }"""),
        ("VIP", """{ "field": "attributes.vip", "op": "eq", "value": true }"""),
        ("Frequent bronze", """{ "all": [ { "field": "valueTier", "op": "eq", "value": "bronze" }, { "field": "rfm.frequency", "op": "gte", "value": 4 } ] }"""),
        ("Likely lapsed", """{ "any": [ { "field": "probabilityAlive", "op": "lt", "value": 0.2 }, { "field": "rfm.recency", "op": "eq", "value": 1 } ] }"""),
    ];

    public static async Task<int> RunAsync(Options options)
    {
        var customers = options.Int("customers", 1_000_000);
        var runs = options.Int("runs", 3);
        var drift = options.Int("drift", 1);
        var infrastructure = await TestInfrastructure.StartAsync();
        try
        {
            var environment = await infrastructure.CreateEnvironmentAsync("segmentationdb");
            var settings = environment.Settings();
            settings["Segmentation:RecomputeInterval"] = "00:00:00";
            await using var service = InProcessService.Start<CustomerFactStore>(settings);
            using var client = service.CreateClient();
            await using var connection = environment.OpenDatabase("segmentationdb");

            // Defined before there is anyone to evaluate, so their own background evaluation has nothing to do.
            foreach (var (name, rule) in Segments)
            {
                await CreateSegmentAsync(client, name, rule);
            }

            var generating = Stopwatch.StartNew();
            await connection.ExecuteAsync(new CommandDefinition(GenerateFactsSql, new { Customers = customers }, commandTimeout: 900));
            await connection.ExecuteAsync(new CommandDefinition(GenerateConsentsSql, commandTimeout: 900));
            await connection.ExecuteAsync("vacuum analyze customer_facts");
            await connection.ExecuteAsync("vacuum analyze consents");
            Console.WriteLine($"{customers:N0} customers' facts and consents generated in {generating.Elapsed.TotalSeconds:F1} s (not timed below); {Segments.Length} segments");

            var first = await RunJobAsync(client, connection, "first (every membership written)");
            var draining = Stopwatch.StartNew();
            await WaitForOutboxAsync(connection);
            Console.WriteLine($"  its {first.MembershipsEntered:N0} entries' events published by the outbox relay {draining.Elapsed.TotalSeconds:F0} s later (not timed)");
            await connection.ExecuteAsync(new CommandDefinition("vacuum analyze", commandTimeout: 900));

            var unchanged = await RunJobAsync(client, connection, "nothing changed since");
            var times = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                await connection.ExecuteAsync(new CommandDefinition(DriftSql, new { Share = drift / 100.0 }, commandTimeout: 900));
                var job = await RunJobAsync(client, connection, $"run {run} ({drift} % of customers changed before it)");
                times.Add(Seconds(job.StartedAt, job.FinishedAt));
                await WaitForOutboxAsync(connection);
            }

            times.Sort();
            Console.WriteLine($"full recompute, {customers:N0} customers × {Segments.Length} segments: {Seconds(unchanged.StartedAt, unchanged.FinishedAt):F2} s with nothing changed" +
                (times.Count > 0 ? $"; with {drift} % changed best {times[0]:F2} s, median {times[times.Count / 2]:F2} s" : "") +
                $"; first (every membership written) {Seconds(first.StartedAt, first.FinishedAt):F2} s");
        }
        finally
        {
            await infrastructure.StopAsync();
        }

        return 0;
    }

    private static async Task<RecomputeJob> RunJobAsync(HttpClient client, System.Data.IDbConnection connection, string label)
    {
        var response = await client.PostAsync("/api/segments/recomputes", null);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/segments/recomputes answered {(int)response.StatusCode}.");
        }

        var job = (await response.Content.ReadFromJsonAsync<RecomputeJob>(JsonSerializerOptions.Web))!;
        while (job.Status is RecomputeJobStatus.Queued or RecomputeJobStatus.Running)
        {
            await Task.Delay(100);
            job = (await client.GetFromJsonAsync<RecomputeJob>($"/api/segments/recomputes/{job.Id}", JsonSerializerOptions.Web))!;
        }

        if (job.Status != RecomputeJobStatus.Succeeded)
        {
            throw new InvalidOperationException($"Recompute job {job.Id} {job.Status}: {job.Error}");
        }

        var members = await connection.ExecuteScalarAsync<long>("select count(*) from segment_members");
        Console.WriteLine($"{label}: {Seconds(job.StartedAt, job.FinishedAt):F2} s — measuring {Seconds(job.StartedAt, job.MeasuredAt):F2} s, " +
            $"evaluating {Seconds(job.MeasuredAt, job.FinishedAt):F2} s; {job.CustomersDone:N0} customers × {job.SegmentsEvaluated} segments; " +
            $"memberships written: {job.MembershipsEntered:N0} entered, {job.MembershipsLeft:N0} left ({members:N0} members now)");
        return job;
    }

    private static double Seconds(DateTimeOffset? from, DateTimeOffset? to) => ((to ?? from) - from)?.TotalSeconds ?? 0;

    private static async Task WaitForOutboxAsync(System.Data.IDbConnection connection)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
        while (await connection.ExecuteScalarAsync<long>(UnsentSql) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }
    }

    private static async Task CreateSegmentAsync(HttpClient client, string name, string rule)
    {
        var response = await client.PostAsync("/api/segments", new StringContent($$"""
            { "name": "{{name}}", "owner": "Benchmark", "advisor": "Benchmark",
              "strategy": { "serviceLevel": "standard", "preferredChannels": ["email"], "contactPolicy": "monthly", "objective": "measure" },
              "rule": {{rule}} }
            """, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }
}
