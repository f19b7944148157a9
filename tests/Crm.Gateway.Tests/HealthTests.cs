using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Gateway.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task The_gateway_is_healthy_and_says_what_it_routes()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var response = await bed.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Contains("/api/customers", report.GetProperty("checks").GetProperty("routes").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bed.Client.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task A_gateway_without_any_service_address_reports_degraded()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int>());

        var report = await bed.Client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Degraded", report.GetProperty("status").GetString());
    }
}
