using System.Collections.Concurrent;
using System.Diagnostics;

namespace Crm.Benchmarks.Loyalty;

/// <summary>
/// GETs at a fixed rate whether or not earlier ones have answered (an open loop), each timed from the moment it was
/// due, so a stall shows in the percentiles instead of slowing the load down.
/// </summary>
public static class ReadLoad
{
    public static async Task<(IReadOnlyList<double> Latencies, IReadOnlyDictionary<int, int> Statuses)> RunAsync(
        HttpClient client, IReadOnlyList<string> paths, int rate, int seconds)
    {
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
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

            inFlight.Add(GetAsync(due, paths[i % paths.Count]));
        }

        await Task.WhenAll(inFlight);
        return ([.. latencies], statuses);

        async Task GetAsync(TimeSpan due, string path)
        {
            int status;
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }

            latencies.Add((clock.Elapsed - due).TotalMilliseconds);
            statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
        }
    }
}
