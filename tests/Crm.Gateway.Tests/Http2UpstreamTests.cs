using System.Net;
using System.Net.Http.Json;

namespace Crm.Gateway.Tests;

/// <summary>
/// The suite's services announce an h2c endpoint (HTTP/2 without TLS) next to their http one; the gateway forwards
/// there, because one HTTP/2 connection carries many requests at once and the gateway then reads and writes far
/// less often per request. An h2c endpoint answers nothing but HTTP/2, so every request the gateway makes to it —
/// forwarded traffic, health probes, document fetches — must speak HTTP/2 from the first byte.
/// </summary>
public sealed class Http2UpstreamTests
{
    private static readonly Dictionary<string, string?> FrequentProbes = new()
    {
        ["Gateway:HealthCheckInterval"] = "00:00:00.200",
        ["Gateway:RequestTimeout"] = "00:00:01",
    };

    [Fact]
    public async Task A_service_with_an_h2c_endpoint_gets_requests_probes_and_document_fetches_over_http2()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, FrequentProbes, http2: true);
        var customers = bed.Backend("customers");

        var response = await bed.Client.PostAsJsonAsync("/api/customers?source=web", new { name = "Ada" });
        var echo = await response.Content.ReadFromJsonAsync<BackendEcho>();
        await Wait.UntilAsync(() => customers.LastProbeProtocol is not null, "the customers service to be probed");
        var document = await bed.Client.GetAsync("/openapi/customers.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("HTTP/2", "POST", "/api/customers?source=web"), (echo!.Protocol, echo.Method, echo.Path));
        Assert.True(echo.BodyBytes > 0);
        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("HTTP/2", customers.LastProbeProtocol);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("HTTP/2", customers.LastDocumentProtocol);
    }

    [Fact]
    public async Task A_silent_service_behind_h2c_still_yields_504_and_the_connection_serves_the_next_request()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, FrequentProbes, http2: true);

        // A timed-out HTTP/2 request is one cancelled stream; the connection it shared must go on serving.
        var slow = bed.Client.GetAsync("/api/customers/slow");
        var next = await bed.Client.GetFromJsonAsync<BackendEcho>("/api/customers/7");

        await ProblemAssert.IsProblemAsync(await slow, HttpStatusCode.GatewayTimeout);
        Assert.Equal(("HTTP/2", "/api/customers/7"), (next!.Protocol, next.Path));
        Assert.Equal("HTTP/2", (await bed.Client.GetFromJsonAsync<BackendEcho>("/api/customers/8"))!.Protocol);
    }

    [Fact]
    public async Task More_requests_in_flight_than_one_connection_has_streams_do_not_hold_up_the_next_one()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, http2: true);
        var customers = bed.Backend("customers");

        // Kestrel allows 100 streams per HTTP/2 connection; 110 long requests need a second connection.
        var held = Enumerable.Range(0, 110).Select(i => bed.Client.GetAsync($"/api/customers/hold/{i}")).ToList();
        await Wait.UntilAsync(() => customers.Held == 110, "every held request to reach the service");
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var next = await bed.Client.GetFromJsonAsync<BackendEcho>("/api/customers/7", quick.Token);
        customers.ReleaseHeld();

        Assert.Equal(("HTTP/2", "/api/customers/7"), (next!.Protocol, next.Path));
        Assert.All(await Task.WhenAll(held), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Fact]
    public async Task A_service_without_an_h2c_endpoint_is_reached_over_http1()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["loyalty"] = 1 });

        var echo = await bed.Client.GetFromJsonAsync<BackendEcho>("/api/loyalty/accounts");

        Assert.Equal("HTTP/1.1", echo!.Protocol);
    }
}
