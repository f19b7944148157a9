using System.Net.Http.Json;

namespace Crm.Gateway.Tests;

public sealed class ForwardedHeaderTests
{
    [Fact]
    public async Task Forwarding_headers_made_up_by_the_client_never_reach_the_service()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/customers/1");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Prefix", "/admin");
        request.Headers.Add("Forwarded", "for=6.6.6.6;host=evil.example;proto=https");
        request.Headers.Add("X-Real-IP", "6.6.6.6");

        var echo = await (await bed.Client.SendAsync(request)).Content.ReadFromJsonAsync<BackendEcho>();

        Assert.Equal("127.0.0.1", echo!.Header("X-Forwarded-For"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal(bed.Address.Authority, echo.Header("X-Forwarded-Host"));
        Assert.Null(echo.Header("X-Forwarded-Prefix"));
        Assert.Null(echo.Header("Forwarded"));
        Assert.Null(echo.Header("X-Real-IP"));
    }
}
