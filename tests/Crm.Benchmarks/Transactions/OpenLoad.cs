using System.Text.Json;

namespace Crm.Benchmarks.Transactions;

/// <summary>Posts transactions in an <see cref="OpenLoop"/>: at a fixed rate, each timed from when it was due.</summary>
public sealed class OpenLoad(HttpClient client, IReadOnlyList<Guid> customers, string runName)
{
    private int _sequence;

    public async Task<OpenLoopResult> RunAsync(int rate, int seconds)
    {
        // Bodies are serialized before the clock starts: the load generator shares the two cores with the suite, and
        // every bit of its own work is taken from the system it measures.
        var bodies = Enumerable.Range(0, rate * seconds).Select(_ => Body()).ToArray();
        return await OpenLoop.RunAsync(rate, seconds, async i =>
        {
            using var content = new ByteArrayContent(bodies[i].Json);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return await client.PostAsync($"/api/customers/{bodies[i].Customer}/transactions", content);
        });
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
