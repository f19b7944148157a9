using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Model;
using Crm.Loyalty.Model;
using Crm.Testing;
using Dapper;

namespace Crm.Suite.Tests;

/// <summary>What the suite tests do through the services' public APIs and databases.</summary>
internal static class Suite
{
    public static async Task<TestEnvironment> CreateEnvironmentAsync() =>
        await (await TestInfrastructure.GetAsync()).CreateEnvironmentAsync("customersdb", "loyaltydb", "profitabilitydb", "segmentationdb");

    public static async Task<Customer> RegisterAsync(HttpClient customers, string name = "Grace Hopper")
    {
        var response = await customers.PostAsJsonAsync("/api/customers", new { externalId = $"C-{Guid.NewGuid():N}", name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Customer>())!;
    }

    /// <summary>Posts a one-line sale of <paramref name="amount"/> an hour ago, on the web, in EUR.</summary>
    public static async Task PostSaleAsync(HttpClient customers, Guid customerId, decimal amount)
    {
        var posted = await customers.PostAsJsonAsync($"/api/customers/{customerId}/transactions", new
        {
            transactionId = $"T-{Guid.NewGuid():N}", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), channel = "web", currency = "EUR",
            lines = new[] { new { sku = "book", category = "books", quantity = 1, unitPrice = amount } },
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    public static async Task<PointsAccount?> FindAccountAsync(HttpClient loyalty, Guid customerId)
    {
        var response = await loyalty.GetAsync($"/api/loyalty/accounts/{customerId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<PointsAccount>();
    }

    public static async Task<long> CountAsync(TestEnvironment environment, string database, string sql)
    {
        await using var connection = environment.OpenDatabase(database);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
