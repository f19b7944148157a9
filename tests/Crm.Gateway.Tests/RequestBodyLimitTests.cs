using System.Net;
using System.Net.Http.Json;
using Crm.Gateway.Limits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Tests;

public sealed class RequestBodyLimitTests
{
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Gateway:MaxRequestBodyBytes"] = "1024",
        ["Gateway:RequestBodyLimits:0:PathPrefix"] = "/api/customers/imports",
        ["Gateway:RequestBodyLimits:0:MaxBytes"] = "8192",
    };

    [Fact]
    public async Task A_body_within_the_limit_is_forwarded_whole()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, Limits);

        var response = await bed.Client.PostAsync("/api/customers", new ByteArrayContent(new byte[1000]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await response.Content.ReadFromJsonAsync<BackendEcho>())!.BodyBytes);
    }

    [Fact]
    public async Task A_declared_body_over_the_limit_is_refused_with_413_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, Limits);

        var response = await bed.Client.PostAsync("/api/customers", new ByteArrayContent(new byte[2048]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1024", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_chunked_body_that_grows_over_the_limit_is_refused_with_413_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, Limits);
        // A stream of unknown length is sent chunked: the gateway learns the size only while reading.
        var content = new StreamContent(new UnknownLengthStream(new byte[4096]));

        var response = await bed.Client.PostAsync("/api/customers", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Imports_accept_the_larger_body_configured_for_their_prefix()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, Limits);

        var accepted = await bed.Client.PostAsync("/api/customers/imports", new ByteArrayContent(new byte[6000]));
        var refused = await bed.Client.PostAsync("/api/customers/imports", new ByteArrayContent(new byte[9000]));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(6000, (await accepted.Content.ReadFromJsonAsync<BackendEcho>())!.BodyBytes);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_shipped_import_limit_is_the_customers_services_largest_file_and_other_routes_keep_small_limits()
    {
        // The gateway as shipped (its appsettings.json), no limits overridden.
        await using var gateway = GatewayServer.Start(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var limits = gateway.Services.GetRequiredService<IOptions<RequestBodyLimitOptions>>().Value;

        // The customers service takes files up to Imports:MaxFileBytes (2 GiB); a smaller limit here answers 413 first.
        Assert.Equal(2L * 1024 * 1024 * 1024, limits.LimitFor("/api/customers/imports/transactions"));
        Assert.Equal(2L * 1024 * 1024 * 1024, limits.LimitFor("/api/customers/imports/interactions"));
        Assert.Equal(10L * 1024 * 1024, limits.LimitFor("/api/customers"));
        Assert.Equal(10L * 1024 * 1024, limits.LimitFor("/api/customers/c-1/transactions"));
        Assert.Equal(32L * 1024 * 1024, limits.LimitFor("/api/profitability/lifetime-value/fits"));
    }
}
