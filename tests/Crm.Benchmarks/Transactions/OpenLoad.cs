using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Crm.Benchmarks.Transactions;

/// <summary>
/// Sends transactions at a fixed rate whether or not earlier ones have answered (an open loop), timing each from
/// the moment it was due, so a stall shows up in the percentiles instead of slowing the load down.
/// </summary>
public sealed class OpenLoad(HttpClient client, IReadOnlyList<Guid> customers, string runName)
{
    private int _sequence;

    public async Task<LoadResult> RunAsync(int rate, int seconds)
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

            inFlight.Add(SendAsync(due));
        }

        await Task.WhenAll(inFlight);
        return new LoadResult([.. latencies], statuses.Where(pair => pair.Key != "201").ToDictionary(), total / clock.Elapsed.TotalSeconds);

        async Task SendAsync(TimeSpan due)
        {
            var number = Interlocked.Increment(ref _sequence);
            var customer = customers[number % customers.Count];
            string status;
            try
            {
                using var response = await client.PostAsJsonAsync($"/api/customers/{customer}/transactions", new
            {
                transactionId = $"{runName}-{number}-{Guid.NewGuid():N}",
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
                channel = "store",
                currency = "EUR",
                lines = new[]
                {
                    new { sku = "SKU-1", category = "grocery", quantity = 2m, unitPrice = 3.49m, discount = 0.50m, allowance = 0m, unitCost = 2.10m },
                    new { sku = "SKU-2", category = "household", quantity = 1m, unitPrice = 12.99m, discount = 0m, allowance = 1.00m, unitCost = 7.80m },
                },
            });
                status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
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

/// <summary>Latencies of every posting, and how many answered something other than 201, by status.</summary>
public sealed record LoadResult(IReadOnlyList<double> Latencies, IReadOnlyDictionary<string, int> Failures, double AchievedRate);
