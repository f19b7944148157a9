using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Crm.ServiceDefaults;
using Npgsql;

namespace Crm.Customers.Tests;

/// <summary>
/// Every service answers through the service defaults: a database it cannot reach is a 503 a client may retry, not a
/// 500 (here a real Npgsql connection to a port nothing listens on, behind the defaults' exception handling).
/// </summary>
public sealed class UnreachableDatabaseTests
{
    [Fact]
    public async Task A_database_that_cannot_be_reached_is_a_503_problem_with_retry_after()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/customers/{id}", async (string id) =>
        {
            await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Timeout=2;Pooling=false");
            await connection.OpenAsync();
            return id;
        });
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync("/api/customers/C-1");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("The service is temporarily unavailable.", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
    }
}
