using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Crm.Benchmarks;

/// <summary>
/// Sends requests at a fixed rate whether or not earlier ones have answered (an open loop), timing each from the
/// moment it was due, so a stall shows up in the percentiles instead of slowing the load down.
/// </summary>
public static class OpenLoop
{
    /// <param name="send">Sends request number i; its response is timed and its status counted.</param>
    public static async Task<OpenLoopResult> RunAsync(int rate, int seconds, Func<int, Task<HttpResponseMessage>> send)
    {
        var total = rate * seconds;
        var latencies = new double[total];
        var statuses = new ConcurrentDictionary<string, int>();
        var inFlight = new Task[total];
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        // A thread of its own paces the requests: an awaited Task.Delay wakes up a millisecond or more late (timer
        // resolution, then a thread-pool hop), and that lateness would be charged to the service being measured.
        var pacer = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                WaitUntil(clock, due);
                inFlight[i] = TimeAsync(due, i);
            }
        }) { IsBackground = true, Name = "open-loop pacer" };
        pacer.Start();
        await Task.Run(pacer.Join);
        await Task.WhenAll(inFlight);
        return new OpenLoopResult(latencies, statuses, total / clock.Elapsed.TotalSeconds, rate, startedAt);

        async Task TimeAsync(TimeSpan due, int number)
        {
            string status;
            try
            {
                using var response = await send(number);
                status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException exception)
            {
                status = exception.HttpRequestError.ToString();
            }

            latencies[number] = (clock.Elapsed - due).TotalMilliseconds;
            statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
        }
    }

    /// <summary>Sleeps until the due time with the kernel's high-resolution timer (usleep wakes within about 0.1 ms;
    /// Thread.Sleep counts whole milliseconds), so the pacer neither spins on the shared cores nor sends late.</summary>
    private static void WaitUntil(Stopwatch clock, TimeSpan due)
    {
        while (due - clock.Elapsed is var wait && wait > TimeSpan.Zero)
        {
            _ = usleep((uint)Math.Ceiling(wait.TotalMicroseconds));
        }
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int usleep(uint microseconds);
}

/// <summary>
/// Every request's latency in the order they were due, how many answered each status, the rate actually offered, and
/// when the first request was due (UTC), so a slow second can be matched with other processes' samples of the same time.
/// </summary>
public sealed record OpenLoopResult(
    IReadOnlyList<double> Latencies, IReadOnlyDictionary<string, int> Statuses, double AchievedRate, int Rate, DateTimeOffset StartedAt)
{
    /// <summary>
    /// Where the slow requests were: how many of the run's seconds held any request slower than
    /// <paramref name="slowMs"/>, and the slowest requests' seconds — spread-out tails are queueing, clustered ones stalls.
    /// </summary>
    public string Stalls(double slowMs)
    {
        var seconds = Latencies.Chunk(Rate).Select((window, second) => (second, worst: window.Max(), slow: window.Count(ms => ms > slowMs))).ToArray();
        var worst = seconds.OrderByDescending(s => s.worst).Take(5).Select(s => $"s{s.second}: {s.slow} slow, worst {s.worst:F0} ms");
        return $"{seconds.Count(s => s.slow > 0)} of {seconds.Length} seconds from {StartedAt:HH:mm:ss} UTC had a request over {slowMs} ms; "
            + string.Join("; ", worst);
    }
}
