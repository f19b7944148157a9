using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

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
        // Bodies are serialized before the clock starts: the load generator shares the two cores with the suite, and
        // every bit of its own work is taken from the system it measures.
        var bodies = Enumerable.Range(0, total).Select(_ => Body()).ToArray();
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

            inFlight.Add(SendAsync(due, bodies[i]));
        }

        await Task.WhenAll(inFlight);
        return new LoadResult([.. latencies], statuses.Where(pair => pair.Key != "201").ToDictionary(), total / clock.Elapsed.TotalSeconds);

        async Task SendAsync(TimeSpan due, (Guid Customer, byte[] Json) body)
        {
            string status;
            try
            {
                using var content = new ByteArrayContent(body.Json);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync($"/api/customers/{body.Customer}/transactions", content);
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

    private (Guid Customer, byte[] Json) Body()
    {
        var number = ++_sequence;
        return (customers[number % customers.Count], JsonSerializer.SerializeToUtf8Bytes(new
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
        }, JsonSerializerOptions.Web));
    }
}

/// <summary>Latencies of every posting, and how many answered something other than 201, by status.</summary>
public sealed record LoadResult(IReadOnlyList<double> Latencies, IReadOnlyDictionary<string, int> Failures, double AchievedRate);
