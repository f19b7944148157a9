using System.Net;
using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Profitability.Data;
using Crm.Testing;

namespace Crm.Profitability.Tests;

/// <summary>
/// The profitability service with a stand-in for the customers service that publishes its events through a real
/// outbox and broker. Lifetime-value runs are off the schedule: tests start them themselves.
/// </summary>
public sealed class ProfitabilityFixture() : FollowingServiceFixture<PnlQueries>("profitabilitydb")
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The stand-in customers service.</summary>
    public MessagingService Customers => Publisher;

    /// <summary>Waits until the service has stored <paramref name="count"/> transactions of the customer.</summary>
    public Task WaitForTransactionsAsync(Guid customerId, int count) => Eventually.ReturnsAsync(
        () => ScalarAsync<long>("select count(*) from transaction_facts where customer_id = @customerId", new { customerId }),
        stored => stored >= count, because: $"for {count} transactions of {customerId} to reach the P&L");

    public Task WaitForInteractionsAsync(Guid customerId, int count) => Eventually.ReturnsAsync(
        () => ScalarAsync<long>("select count(*) from interaction_facts where customer_id = @customerId", new { customerId }),
        stored => stored >= count, because: $"for {count} interactions of {customerId} to reach the P&L");

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static TransactionsRecorded Transactions(params RecordedTransaction[] transactions) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, null, transactions);

    public static RecordedTransaction Sale(
        Guid customerId, DateTimeOffset occurredAt, decimal revenue, decimal discounts = 0, decimal allowances = 0,
        decimal productCost = 0, string channel = "web", string currency = "EUR", string kind = TransactionKinds.Sale) =>
        new(Guid.NewGuid(), $"T-{Guid.NewGuid():N}", customerId, occurredAt, channel, currency, kind, null,
            revenue, discounts, allowances, revenue - discounts - allowances, productCost, []);

    public static InteractionsRecorded Interactions(params RecordedInteraction[] interactions) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, null, interactions);

    public static RecordedInteraction Interaction(
        Guid customerId, DateTimeOffset occurredAt, string type, string channel, decimal? costToServe = null) =>
        new(Guid.NewGuid(), $"I-{Guid.NewGuid():N}", customerId, occurredAt, channel, type, costToServe, costToServe is null ? null : "EUR");

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
        }
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Profitability:LifetimeValue:Schedule"] = "00:00:00";
    }
}
