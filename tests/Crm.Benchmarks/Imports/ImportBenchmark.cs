using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Crm.Benchmarks.Gateway;
using Crm.Hosting;
using Crm.Benchmarks.Transactions;
using Crm.Testing;

namespace Crm.Benchmarks.Imports;

/// <summary>
/// Issue 4's figures: a transactions CSV of a million lines through the real customers service (its own process,
/// production settings), from the start of the HTTP upload to the job reporting done, with the service's peak
/// resident memory sampled every 100 ms; then the same file again (nothing new to store).
/// </summary>
public static class ImportBenchmark
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(30) };

    public static async Task<int> RunAsync(Options options)
    {
        var lines = options.Int("lines", 1_000_000);
        var customers = options.Int("customers", 20_000);
        // "direct" uploads to the customers service; "gateway" through the gateway in front of it, as front ends do
        // (the gateway forwards to the service's h2c endpoint, so the upload crosses it as HTTP/2 data frames).
        var via = options.String("via", "direct");
        if (via is not ("direct" or "gateway"))
        {
            Console.Error.WriteLine("--via is direct or gateway.");
            return 2;
        }

        var folder = TestFolders.Create("crm-import-bench-");
        try
        {
            var customersCsv = Path.Combine(folder, "customers.csv");
            var transactionsCsv = Path.Combine(folder, "transactions.csv");
            ImportFiles.WriteCustomers(customersCsv, customers);
            var transactions = ImportFiles.WriteTransactions(transactionsCsv, lines, customers);
            Console.WriteLine($"files: {customers:N0} customers; {lines:N0} transaction lines in {transactions:N0} transactions, " +
                $"{new FileInfo(transactionsCsv).Length / 1024.0 / 1024.0:F1} MiB");

            await using var customersAlone = await CustomersAlone.StartAsync(folder, new Dictionary<string, string?>
            {
                ["Imports:SpoolFolder"] = Path.Combine(folder, "spool"),
                ["Logging:LogLevel:Crm.Customers.Imports"] = "Information",
            });
            var service = customersAlone.Service;
            await using var gateway = via == "gateway"
                ? await GatewayProcess.InFrontOfAsync(service, "customers")
                : null;
            var baseAddress = gateway?.Address ?? service.Address;
            Console.WriteLine($"uploading {via} to {baseAddress}");

            var registered = await MeasureAsync(baseAddress, "customers", customersCsv, service.Process);
            Console.WriteLine($"customers: {Describe(registered, "rows")}");
            var first = await MeasureAsync(baseAddress, "transactions", transactionsCsv, service.Process);
            Console.WriteLine($"transactions, first import: {Describe(first, "lines")}");
            var again = await MeasureAsync(baseAddress, "transactions", transactionsCsv, service.Process);
            Console.WriteLine($"transactions, re-import:    {Describe(again, "lines")}");
        }
        finally
        {
            TestFolders.TryDelete(folder);
        }

        return 0;
    }

    private static string Describe(ImportRun run, string unit) =>
        $"{run.Rows:N0} {unit} ({run.Stored:N0} stored, {run.Skipped:N0} skipped, {run.Rejected:N0} rejected, status {run.Status}) " +
        $"in {run.Seconds:F2} s = {run.Rows / run.Seconds:N0} {unit}/s (upload {run.UploadSeconds:F2} s); " +
        $"service peak RSS {run.PeakRssBytes / 1024.0 / 1024.0:F0} MB (before: {run.RssBeforeBytes / 1024.0 / 1024.0:F0} MB){Environment.NewLine}" +
        $"  {run.Cpu}";

    private static async Task<ImportRun> MeasureAsync(Uri service, string kind, string file, ChildProcess process)
    {
        var before = ProcessTree.ResidentBytes(process.ProgramId ?? process.Id);
        using var sampling = new CancellationTokenSource();
        var peak = before;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessTree.ResidentBytes(process.ProgramId ?? process.Id));
                try
                {
                    await Task.Delay(100, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        var cpu = new ProcessTime();
        var stopwatch = Stopwatch.StartNew();
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var content = new StreamContent(stream, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await Client.PostAsync(new Uri(service, $"/api/customers/imports/{kind}?fileName={Path.GetFileName(file)}"), content);
        var uploaded = stopwatch.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"upload answered {(int)response.StatusCode}: {body}");
        }

        var location = new Uri(service, response.Headers.Location!);
        JsonElement job;
        while (true)
        {
            job = JsonDocument.Parse(await Client.GetStringAsync(location)).RootElement;
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                break;
            }

            await Task.Delay(50);
        }

        var elapsed = stopwatch.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        if (job.GetProperty("status").GetString() != "succeeded")
        {
            Console.WriteLine($"job failed: {job}");
        }

        return new ImportRun(
            job.GetProperty("rowsRead").GetInt64(), job.GetProperty("rowsStored").GetInt64(), job.GetProperty("rowsSkipped").GetInt64(),
            job.GetProperty("rowsRejected").GetInt64(), job.GetProperty("status").GetString()!, elapsed.TotalSeconds, uploaded.TotalSeconds, peak, before,
            cpu.Since());
    }

    private sealed record ImportRun(long Rows, long Stored, long Skipped, long Rejected, string Status, double Seconds, double UploadSeconds, long PeakRssBytes, long RssBeforeBytes, string Cpu);
}
