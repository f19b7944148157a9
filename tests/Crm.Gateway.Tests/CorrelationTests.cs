using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Crm.Gateway.Tests;

public sealed partial class CorrelationTests
{
    [Fact]
    public async Task A_request_without_correlation_id_gets_one_that_the_service_and_the_client_both_see()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var response = await bed.Client.GetAsync("/api/customers/1");

        var echoed = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.Matches(SafeId(), echoed);
        Assert.Equal(echoed, (await response.Content.ReadFromJsonAsync<BackendEcho>())!.Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task A_well_formed_correlation_id_from_the_client_is_kept_end_to_end()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var response = await SendAsync(bed, "/api/customers/1", "checkout-2024.06_A1");

        Assert.Equal("checkout-2024.06_A1", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        Assert.Equal("checkout-2024.06_A1", (await response.Content.ReadFromJsonAsync<BackendEcho>())!.Header("X-Correlation-Id"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("spaces are not allowed")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task An_unsafe_or_overlong_correlation_id_is_replaced(string incoming)
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var response = await SendAsync(bed, "/api/customers/1", incoming);

        var echoed = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.NotEqual(incoming, echoed);
        Assert.Matches(SafeId(), echoed);
        Assert.Equal(echoed, (await response.Content.ReadFromJsonAsync<BackendEcho>())!.Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task The_gateways_own_errors_carry_the_correlation_id_too()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var response = await SendAsync(bed, "/nowhere", "ticket-77");

        var problem = await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.NotFound);
        Assert.Equal("ticket-77", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        Assert.Equal("ticket-77", problem.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task W3C_trace_context_reaches_the_service_in_the_callers_trace()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string callerSpan = "00f067aa0ba902b7";
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/customers/1");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        var echo = await (await bed.Client.SendAsync(request)).Content.ReadFromJsonAsync<BackendEcho>();

        var forwarded = echo!.Header("traceparent")!.Split('-');
        Assert.Equal(traceId, forwarded[1]);
        // The gateway's own span sits between the caller and the service.
        Assert.NotEqual(callerSpan, forwarded[2]);
    }

    [Fact]
    public async Task A_request_without_trace_context_starts_a_trace_that_reaches_the_service()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var echo = await bed.Client.GetFromJsonAsync<BackendEcho>("/api/customers/1");

        Assert.Matches(TraceParent(), echo!.Header("traceparent"));
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayTestBed bed, string path, string correlationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlationId);
        return bed.Client.SendAsync(request);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SafeId();

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")]
    private static partial Regex TraceParent();
}
