using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Customers.Data;
using Crm.Customers.Model;
using Crm.Testing;
using Dapper;

namespace Crm.Customers.Tests;

/// <summary>The customers service on its own database and virtual host, shared by the tests of one class.</summary>
public sealed class CustomersServiceFixture : IAsyncLifetime
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The tables that hold what the API records; "nothing stored" means none of them grew.</summary>
    public static readonly string[] RecordTables =
        ["customers", "transactions", "transaction_lines", "interactions", "consents", "consent_changes", "outbox"];

    // Batch events carry their customer inside the first transaction or interaction; the others at the top level.
    private const string EventCountSql = """
        select count(*) from outbox
        where message_type like @TypePattern
          and coalesce(payload::json->>'customerId', payload::json->'transactions'->0->>'customerId',
                       payload::json->'interactions'->0->>'customerId') = @CustomerId
        """;

    private TestEnvironment? _environment;

    public ServiceHost<CustomerStore> Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _environment = await infrastructure.CreateEnvironmentAsync("customersdb");
        Service = new ServiceHost<CustomerStore>(_environment.Settings());
        Client = Service.CreateClient();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = _environment!.OpenDatabase("customersdb");
        // Table names come from the tests themselves, never from input.
        return await connection.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    /// <summary>Row counts of every <see cref="RecordTables">record table</see>, to compare before and after a request.</summary>
    public async Task<Dictionary<string, long>> CountRecordsAsync()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in RecordTables)
        {
            counts[table] = await CountAsync(table);
        }

        return counts;
    }

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("customersdb");
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    /// <summary>How many events of <paramref name="eventType"/> (e.g. "ConsentChanged") the outbox holds for the customer.</summary>
    public Task<long> CountEventsAsync(string eventType, Guid customerId) =>
        ScalarAsync<long>(EventCountSql, new { TypePattern = $"%.{eventType},%", CustomerId = customerId.ToString() });

    /// <summary>Registers a customer with a unique external id and returns them as the API answered.</summary>
    public async Task<Customer> RegisterCustomerAsync(string? name = null, object? body = null)
    {
        var response = await Client.PostAsJsonAsync("/api/customers", body ?? new { externalId = NewExternalId(), name = name ?? "Test Customer" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Customer>())!;
    }

    public static string NewExternalId(string prefix = "C") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name <paramref name="field"/>; returns the problem.</summary>
    public static async Task<JsonElement> AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(
            problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
            $"the problem names the invalid field {field}: {body}");
        return problem;
    }

    /// <summary>Asserts a problem response with <paramref name="status"/>.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
