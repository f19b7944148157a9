using System.Net;
using System.Net.Http.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Profitability.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Profitability.Tests;

/// <summary>
/// The profitability service on its own database and virtual host, with a stand-in for the customers service that
/// publishes its events through a real outbox and broker.
/// </summary>
public sealed class ProfitabilityFixture : IAsyncLifetime
{
    public const string ProblemJson = "application/problem+json";

    private TestEnvironment? _environment;

    public ServiceHost<PnlQueries> Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public MessagingService Customers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _environment = await infrastructure.CreateEnvironmentAsync("profitabilitydb", "probedb");
        var settings = _environment.Settings();
        // Tests start their runs themselves.
        settings["Profitability:LifetimeValue:Schedule"] = "00:00:00";
        Service = new ServiceHost<PnlQueries>(settings);
        // The service declares its queues on start, before anything is published.
        Client = Service.CreateClient();
        Customers = await MessagingService.StartAsync(
            "customers", _environment.ConnectionStrings["probedb"], _environment.ConnectionStrings["messaging"]);
    }

    /// <summary>Publishes events as the customers service does: committed to its outbox, relayed to the broker.</summary>
    public Task PublishAsync(params IIntegrationEvent[] events) => Customers.CommitAsync(events);

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("profitabilitydb");
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

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

    public async Task DisposeAsync()
    {
        await Customers.DisposeAsync();
        await Service.DisposeAsync();
    }
}
