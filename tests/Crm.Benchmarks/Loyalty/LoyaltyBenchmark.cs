using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Benchmarks.Gateway;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Loyalty;
using Crm.Loyalty.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Benchmarks.Loyalty;

/// <summary>
/// Issue 7's figures, with the loyalty service in a process of its own:
/// (1) a million sales committed as TransactionsRecorded batches of 1,000 through a real outbox and broker, from the
/// first commit until the last one has earned its points; then the ledger checked member by member against an
/// independent recomputation; (2) balance and tier reads at a fixed rate through the real gateway, p50/p99.
/// </summary>
public static class LoyaltyBenchmark
{
    private const int BatchSize = 1_000;

    private const string LoyaltyProject = "services/Loyalty/Crm.Loyalty";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(Options options)
    {
        var memberCount = options.Int("customers", 50_000);
        var rate = options.Int("rate", 500);
        var seconds = options.Int("seconds", 20);
        var infrastructure = await TestInfrastructure.StartAsync();
        ServiceProcess? loyalty = null;
        try
        {
            var environment = await infrastructure.CreateEnvironmentAsync("loyaltydb", "producerdb");
            var settings = environment.Settings();
            settings["Loyalty:HousekeepingInterval"] = "00:00:00";
            loyalty = await ServiceProcess.StartAsync(LoyaltyProject, settings);
            using var client = new HttpClient { BaseAddress = loyalty.Address, Timeout = TimeSpan.FromMinutes(2) };
            await using var producer = await MessagingService.StartAsync(
                "customers", environment.ConnectionStrings["producerdb"], environment.ConnectionStrings["messaging"]);
            await using var connection = environment.OpenDatabase("loyaltydb");

            var members = Enumerable.Range(0, memberCount).Select(_ => Guid.NewGuid()).ToArray();
            await RegisterAsync(producer, connection, members);
            await ConfigureAsync(client);
            var workload = Workload(options, members);
            var batches = workload.Transactions.Chunk(BatchSize).Select(chunk => new TransactionsRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, null, chunk)).ToArray();
            Console.WriteLine($"{workload.Sales:N0} sales and {workload.Returns:N0} returns ({workload.Lines:N0} lines, {options.String("workload", "import")} workload) " +
                $"of {memberCount:N0} members in {batches.Length:N0} batches; 4 earn rules, a 3-level tier policy");

            if (options.Int("drain", 0) == 1)
            {
                await loyalty.DisposeAsync();
                loyalty = null; // stopped: the finally must not stop it again if the drain fails
                loyalty = await DrainAsync(settings, producer, connection, batches, workload);
            }
            else
            {
                await FollowAsync(producer, connection, batches, workload);
            }

            using var checking = new HttpClient { BaseAddress = loyalty.Address, Timeout = TimeSpan.FromMinutes(2) };
            await CheckLedgerAsync(checking, connection, workload);
            // Statistics as autovacuum would have them once it caught up with the load: right after a bulk load the
            // planner still thinks the ledger tables are empty and scans them for every balance read.
            await connection.ExecuteAsync("analyze points_accounts, earning_batches, ledger_entries, earned_transactions");
            await MeasureReadsAsync(loyalty, members, rate, seconds);
        }
        finally
        {
            if (loyalty is not null)
            {
                await loyalty.DisposeAsync();
            }

            await infrastructure.StopAsync();
        }

        return 0;
    }

    /// <summary>End to end: the producer commits every batch while loyalty earns them as they arrive.</summary>
    private static async Task FollowAsync(
        MessagingService producer, Npgsql.NpgsqlConnection connection, TransactionsRecorded[] batches, EarningLoad workload)
    {
        var machine = new MachineTime();
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            await producer.CommitAsync(batch);
        }

        var committed = clock.Elapsed;
        await WaitUntilEarnedAsync(connection, batches, workload, clock);
        var elapsed = clock.Elapsed;
        Console.WriteLine($"committed in {committed.TotalSeconds:F1} s; every sale earned {elapsed.TotalSeconds:F1} s after the first commit " +
            $"= {workload.Transactions.Length / elapsed.TotalSeconds:N0} transactions/s, {workload.Lines / elapsed.TotalSeconds:N0} lines/s end to end; {machine.Since()}");
    }

    /// <summary>
    /// Loyalty alone: the service is stopped while the producer commits every batch and its relay hands them to the
    /// broker, where they wait in loyalty's queue; then loyalty starts and the time until every sale has earned is
    /// measured, its start-up included. The producer's work (the customers service's, issue 4) is then off the clock.
    /// </summary>
    private static async Task<ServiceProcess> DrainAsync(
        Dictionary<string, string?> settings, MessagingService producer, Npgsql.NpgsqlConnection connection,
        TransactionsRecorded[] batches, EarningLoad workload)
    {
        foreach (var batch in batches)
        {
            await producer.CommitAsync(batch);
        }

        while (await producer.QueryCountAsync("select count(*) from outbox where sent_at is null") > 0)
        {
            await Task.Delay(200);
        }

        Console.WriteLine($"{batches.Length:N0} batches waiting in loyalty's queue; starting loyalty");
        var machine = new MachineTime();
        var clock = Stopwatch.StartNew();
        var started = await ServiceProcess.StartAsync(LoyaltyProject, settings);
        try
        {
            await WaitUntilEarnedAsync(connection, batches, workload, clock);
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        var elapsed = clock.Elapsed;
        Console.WriteLine($"loyalty alone: every queued sale earned {elapsed.TotalSeconds:F1} s after the start command (start-up included) " +
            $"= {workload.Transactions.Length / elapsed.TotalSeconds:N0} transactions/s, {workload.Lines / elapsed.TotalSeconds:N0} lines/s; {machine.Since()}");
        return started;
    }

    /// <summary>
    /// Waits until every sale has earned and every return has taken its points back. Counting a million earned rows ten times a second would itself take a good
    /// part of a core from the service measured, so the inbox (one row per event and partition) is watched until every
    /// event has been taken in, and only then the earned sales are counted.
    /// </summary>
    private static async Task WaitUntilEarnedAsync(
        Npgsql.NpgsqlConnection connection, TransactionsRecorded[] batches, EarningLoad workload, Stopwatch clock)
    {
        var ids = batches.Select(batch => batch.EventId).ToArray();
        while (await connection.ExecuteScalarAsync<long>("select count(distinct message_id) from inbox where message_id = any(@ids)", new { ids }) < ids.Length
            || await connection.ExecuteScalarAsync<long>("select count(*) from earned_transactions") < workload.Sales
            || await connection.ExecuteScalarAsync<long>("select count(*) from transaction_corrections where applied") < workload.Returns)
        {
            if (clock.Elapsed > Limit)
            {
                var progress = await connection.QuerySingleAsync<(long Events, long Earned, long Applied)>("""
                    select (select count(distinct message_id) from inbox where message_id = any(@ids)), (select count(*) from earned_transactions),
                           (select count(*) from transaction_corrections where applied)
                    """, new { ids });
                throw new TimeoutException($"Loyalty did not earn every sale within {Limit.TotalMinutes} minutes: {progress.Events:N0} of {ids.Length:N0} " +
                    $"events taken in, {progress.Earned:N0} of {workload.Sales:N0} sales earned, {progress.Applied:N0} of {workload.Returns:N0} returns applied.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// <c>--workload import</c> (the default): <c>--lines</c> transaction lines shaped like issue 4's import file, returns
    /// included. <c>--workload categories</c>: <c>--transactions</c> sales of one or two categories and no returns, each
    /// category counted as a line (the workload of the figures recorded before 2026-12-06's third session).
    /// </summary>
    private static EarningLoad Workload(Options options, Guid[] members)
    {
        if (options.String("workload", "import") == "categories")
        {
            var sales = EarningWorkload.Sales(options.Int("transactions", 1_000_000), members, days: 60, seed: 11);
            return new(sales, sales.Sum(sale => sale.Categories.Count), sales.Length, 0);
        }

        return ImportShapedTransactions.Generate(options.Int("lines", 1_000_000), members, days: 60);
    }

    private static async Task RegisterAsync(MessagingService producer, Npgsql.NpgsqlConnection connection, Guid[] members)
    {
        var importId = Guid.NewGuid();
        foreach (var chunk in members.Chunk(BatchSize))
        {
            var now = DateTimeOffset.UtcNow;
            await producer.CommitAsync(new CustomersRegistered(Guid.NewGuid(), now, importId,
                [.. chunk.Select(id => new CustomerRegistered(Guid.NewGuid(), now, id, $"M-{id:N}", "Member", null))]));
        }

        while (await connection.ExecuteScalarAsync<long>("select count(*) from points_accounts") < members.Length)
        {
            await Task.Delay(100);
        }
    }

    private static async Task ConfigureAsync(HttpClient client)
    {
        foreach (var rule in EarningWorkload.Rules(DateTimeOffset.UtcNow.AddYears(-1)))
        {
            (await client.PostAsJsonAsync("/api/loyalty/earn-rules", rule)).EnsureSuccessStatusCode();
        }

        (await client.PutAsJsonAsync("/api/loyalty/tiers/policy", new
        {
            qualifyOn = "pointsEarned",
            windowDays = 365,
            levels = new object[] { new { name = "blue", threshold = 0 }, new { name = "silver", threshold = 2_000 }, new { name = "gold", threshold = 5_000 } },
            downgrade = "none",
        })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Member by member: what the sales earned must equal an independent recomputation by the rules, and the ledger must
    /// equal that less what the returns took back (each its share of what its sale earned); the batches must hold exactly
    /// the ledger's sum.
    /// </summary>
    private static async Task CheckLedgerAsync(HttpClient client, Npgsql.NpgsqlConnection connection, EarningLoad workload)
    {
        var saved = (await client.GetFromJsonAsync<List<SavedEarnRule>>("/api/loyalty/earn-rules", LoyaltyJson.Options))!;
        var clock = Stopwatch.StartNew();
        var recomputed = EarningWorkload.Recompute([.. saved.Select(rule => rule.Definition.ToRule(rule.Id, rule.Version))],
            workload.Transactions.Where(t => t.Kind == TransactionKinds.Sale));
        var took = clock.Elapsed;
        var earnedBySale = (await connection.QueryAsync<(Guid TransactionId, Guid CustomerId, decimal Net, long Points)>(
                "select transaction_id, customer_id, net_amount, points_earned from earned_transactions"))
            .ToDictionary(row => row.TransactionId, row => (row.CustomerId, row.Net, row.Points));
        var earned = earnedBySale.Values.GroupBy(sale => sale.CustomerId).ToDictionary(member => member.Key, member => member.Sum(sale => sale.Points));
        var takenBack = EarningWorkload.TakenBack(workload.Transactions, earnedBySale);
        var expected = recomputed.ToDictionary(pair => pair.Key, pair => pair.Value - takenBack.GetValueOrDefault(pair.Key));
        var ledger = (await connection.QueryAsync<(Guid CustomerId, long Points)>(
            "select customer_id, sum(points)::bigint from ledger_entries group by customer_id")).ToDictionary(row => row.CustomerId, row => row.Points);
        var earningDiffers = Differing(recomputed, earned);
        var ledgerDiffers = Differing(expected, ledger);
        var held = await connection.ExecuteScalarAsync<long>("select sum(remaining)::bigint from earning_batches");
        Console.WriteLine($"independent recomputation ({took.TotalSeconds:F1} s): {recomputed.Values.Sum():N0} points earned by {recomputed.Count:N0} members " +
            $"(members whose sales earned otherwise: {earningDiffers}), {takenBack.Values.Sum():N0} taken back by {workload.Returns:N0} returns; " +
            $"ledger: {ledger.Values.Sum():N0} points for {ledger.Count:N0} members; members differing: {ledgerDiffers}; batches hold {held:N0}");
        if (earningDiffers != 0 || ledgerDiffers != 0 || held != ledger.Values.Sum())
        {
            throw new InvalidOperationException("The ledger does not equal the recomputation.");
        }
    }

    private static int Differing(Dictionary<Guid, long> expected, Dictionary<Guid, long> actual) =>
        expected.Count(pair => actual.GetValueOrDefault(pair.Key) != pair.Value) + actual.Keys.Count(id => !expected.ContainsKey(id) && actual[id] != 0);

    private static async Task MeasureReadsAsync(ServiceProcess service, Guid[] members, int rate, int seconds)
    {
        await using var gateway = await GatewayProcess.InFrontOfAsync(service, "loyalty");
        var paths = members.Select(id => $"/api/loyalty/accounts/{id}").ToArray();
        foreach (var (name, address) in new[] { ("through the gateway", gateway.Address), ("direct to loyalty", service.Address), ("through the gateway", gateway.Address) })
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = address };
            // 15 s of the same load first: the gateway's first seconds run unoptimised (tier-0) code.
            await OpenLoop.RunAsync(rate, 15, i => client.GetAsync(paths[i % paths.Length]));
            var machine = new MachineTime();
            var result = await OpenLoop.RunAsync(rate, seconds, i => client.GetAsync(paths[i % paths.Length]));
            Console.WriteLine($"balance and tier reads {name} at {rate} requests/s for {seconds} s: p50 {Percentiles.Of(result.Latencies, 50):F1} ms, " +
                $"p99 {Percentiles.Of(result.Latencies, 99):F1} ms, max {Percentiles.Of(result.Latencies, 100):F1} ms; " +
                $"statuses {string.Join(", ", result.Statuses.Select(s => $"{s.Key}×{s.Value}"))}");
            Console.WriteLine($"  {result.Stalls(10)}; {machine.Since()}");
        }
    }
}
