using System.Runtime.InteropServices;
using Crm.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// What the gateway costs per request: wrk straight at a tiny backend, through the real Crm.Gateway process and
/// through nginx, one after another in one run against the same backend. The gateway is measured as the suite runs
/// it, forwarding over HTTP/2 to the backend's h2c endpoint, and, for comparison, over HTTP/1.1 as nginx does.
/// Goals: the gateway reaches at least 60% of nginx's throughput and adds less than 1 ms to the median latency. wrk
/// keeps every connection busy, so its median at saturation is mostly queueing (connections ÷ throughput); the added
/// latency is therefore also measured at a fixed rate well below saturation (an open loop, each request timed from
/// when it was due), direct and through the gateway.
/// </summary>
public static class GatewayBenchmark
{
    private const double ThroughputGoal = 0.60;
    private const double AddedLatencyGoalMilliseconds = 1.0;
    private const int WarmUpSeconds = 2;
    private const string GatewayOverHttp1 = "gw-http1";

    public static async Task<int> RunAsync(Options options)
    {
        var load = new WrkLoad(options.Int("seconds", 10), options.Int("connections", 32), options.Int("threads", 2));
        var fixedRate = options.Int("rate", 1000);
        if (load.Seconds < 1 || load.Threads < 1 || load.Connections < load.Threads)
        {
            Console.Error.WriteLine("--seconds and --threads must be positive, and --connections at least --threads.");
            return 2;
        }

        string wrkPath, nginxPath, gatewayAssembly;
        try
        {
            (wrkPath, nginxPath) = Tools.Locate();
            gatewayAssembly = GatewayProcess.LocateAssembly();
        }
        catch (MissingToolException missing)
        {
            Console.Error.WriteLine(missing.Message);
            return 3;
        }

        // Ctrl+C or SIGTERM cancels the run instead of ending the process, so MeasureAsync's disposals stop every
        // server in order (the watchdogs would otherwise stop them only after this process is gone).
        using var interrupted = new CancellationTokenSource();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        try
        {
            var (results, atFixedRate) = await MeasureAsync(wrkPath, nginxPath, gatewayAssembly, load, fixedRate, interrupted.Token);
            Report(results);
            ReportFixedRate(atFixedRate, fixedRate, load.Seconds);
            var failed = results.Where(run => run.Result.NonSuccessResponses > 0).Select(run => run.Name).ToList();
            if (failed.Count > 0)
            {
                Console.Error.WriteLine($"non-2xx/3xx responses from {string.Join(", ", failed)}: those figures measure errors, not forwarding.");
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted; every server was stopped.");
            return 130;
        }

        void Interrupt(PosixSignalContext signal)
        {
            signal.Cancel = true;
            interrupted.Cancel();
        }
    }

    private static async Task<(List<(string Name, WrkResult Result)> Saturated, List<(string Name, OpenLoopResult Result)> AtFixedRate)> MeasureAsync(
        string wrkPath, string nginxPath, string gatewayAssembly, WrkLoad load, int fixedRate, CancellationToken cancellationToken)
    {
        // Declared in start order, so they stop in reverse, and every one stops even when a later step fails.
        await using var backend = await PingBackend.StartAsync(cancellationToken);
        await using var gateway = await GatewayProcess.StartAsync(gatewayAssembly, backend.Address, cancellationToken, http2Backend: backend.Http2Address);
        await using var gatewayHttp1 = await GatewayProcess.StartAsync(gatewayAssembly, backend.Address, cancellationToken);
        await using var nginx = await NginxProxy.StartAsync(nginxPath, backend.Address, cancellationToken);
        (string Name, Uri Url)[] targets =
        [
            ("direct", new Uri(backend.Address, PingBackend.Route)),
            ("gateway", new Uri(gateway.Address, PingBackend.Route)),
            (GatewayOverHttp1, new Uri(gatewayHttp1.Address, PingBackend.Route)),
            ("nginx", new Uri(nginx.Address, PingBackend.Route)),
        ];

        Console.WriteLine($"gateway benchmark: wrk {load}, after a {WarmUpSeconds} s warm-up per target, on {Environment.ProcessorCount} cores");
        foreach (var (name, url) in targets)
        {
            Console.WriteLine($"  {name,-8} GET {url} -> {await Readiness.ExpectOkAsync(name, url, cancellationToken)}");
        }

        var wrk = new Wrk(wrkPath);
        var results = new List<(string Name, WrkResult Result)>();
        foreach (var (name, url) in targets)
        {
            await wrk.RunAsync(url, load with { Seconds = WarmUpSeconds }, cancellationToken);
            results.Add((name, await wrk.RunAsync(url, load, cancellationToken)));
        }

        var atFixedRate = new List<(string Name, OpenLoopResult Result)>();
        foreach (var (name, url) in targets.Where(target => target.Name != "nginx"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
            await OpenLoop.RunAsync(fixedRate, WarmUpSeconds, _ => client.GetAsync(url, cancellationToken));
            atFixedRate.Add((name, await OpenLoop.RunAsync(fixedRate, load.Seconds, _ => client.GetAsync(url, cancellationToken))));
        }

        return (results, atFixedRate);
    }

    private static void Report(List<(string Name, WrkResult Result)> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"target",-8} {"req/s",10} {"p50",10} {"p99",10} {"requests",10} {"non-2xx",8}  socket errors");
        foreach (var (name, result) in results)
        {
            Console.WriteLine(
                $"{name,-8} {result.RequestsPerSecond,10:N0} {Milliseconds(result.P50Milliseconds),10} {Milliseconds(result.P99Milliseconds),10} " +
                $"{result.Requests,10:N0} {result.NonSuccessResponses,8:N0}  {(result.SocketErrors == 0 ? "none" : result.SocketErrorDetail)}");
        }

        var direct = results.Single(run => run.Name == "direct").Result;
        var gateway = results.Single(run => run.Name == "gateway").Result;
        var nginx = results.Single(run => run.Name == "nginx").Result;
        var ratio = gateway.RequestsPerSecond / nginx.RequestsPerSecond;
        var added = gateway.P50Milliseconds - direct.P50Milliseconds;
        var overHttp1 = results.Single(run => run.Name == GatewayOverHttp1).Result.RequestsPerSecond / nginx.RequestsPerSecond;
        Console.WriteLine();
        Console.WriteLine($"the gateway forwarding over HTTP/1.1 instead of h2c (for comparison): {overHttp1 * 100:F0}% of nginx");
        Console.WriteLine($"gateway/nginx throughput: {ratio * 100:F0}% (goal >= {ThroughputGoal * 100:F0}%: {(ratio >= ThroughputGoal ? "met" : "MISSED")})");
        Console.WriteLine($"gateway p50 added over direct: {Milliseconds(added)} (goal < {AddedLatencyGoalMilliseconds:F0} ms: " +
            $"{(added < AddedLatencyGoalMilliseconds ? "met" : "MISSED")})");
    }

    private static void ReportFixedRate(List<(string Name, OpenLoopResult Result)> results, int rate, int seconds)
    {
        Console.WriteLine();
        Console.WriteLine($"at a fixed {rate:N0} requests/s for {seconds} s (open loop, HttpClient from this process):");
        foreach (var (name, result) in results)
        {
            Console.WriteLine($"{name,-8} p50 {Milliseconds(Percentiles.Of(result.Latencies, 50))}, p99 {Milliseconds(Percentiles.Of(result.Latencies, 99))}; " +
                $"statuses {string.Join(", ", result.Statuses.Select(status => $"{status.Key}×{status.Value}"))}");
        }

        var added = Percentiles.Of(results.Single(run => run.Name == "gateway").Result.Latencies, 50)
            - Percentiles.Of(results.Single(run => run.Name == "direct").Result.Latencies, 50);
        Console.WriteLine($"gateway p50 added over direct at {rate:N0} requests/s: {Milliseconds(added)} (goal < {AddedLatencyGoalMilliseconds:F0} ms: " +
            $"{(added < AddedLatencyGoalMilliseconds ? "met" : "MISSED")})");
    }

    private static string Milliseconds(double value) => $"{value:F2} ms";
}
