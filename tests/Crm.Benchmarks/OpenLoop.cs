using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

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
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<string, int>();
        var total = rate * seconds;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(TimeAsync(due, i));
        }

        await Task.WhenAll(inFlight);
        return new OpenLoopResult([.. latencies], statuses, total / clock.Elapsed.TotalSeconds);

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

            latencies.Add((clock.Elapsed - due).TotalMilliseconds);
            statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
        }
    }
}

/// <summary>Every request's latency, how many answered each status, and the rate actually offered.</summary>
public sealed record OpenLoopResult(IReadOnlyList<double> Latencies, IReadOnlyDictionary<string, int> Statuses, double AchievedRate);
