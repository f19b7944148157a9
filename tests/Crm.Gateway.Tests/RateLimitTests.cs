using System.Net;

namespace Crm.Gateway.Tests;

public sealed class RateLimitTests
{
    private static readonly Dictionary<string, string?> ThreePerMinute = new()
    {
        ["Gateway:RateLimit:PermitLimit"] = "3",
        ["Gateway:RateLimit:Window"] = "00:01:00",
        ["Gateway:RateLimit:ApiKeys:0"] = "partner-key",
        ["Gateway:RateLimit:ApiKeyPermitLimit"] = "5",
    };

    [Fact]
    public async Task A_client_over_its_quota_gets_429_problem_details_with_retry_after()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["loyalty"] = 1 }, ThreePerMinute);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await bed.Client.GetAsync("/api/loyalty/accounts")).StatusCode);
        }

        var rejected = await bed.Client.GetAsync("/api/loyalty/accounts");

        var problem = await ProblemAssert.IsProblemAsync(rejected, HttpStatusCode.TooManyRequests);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Equal("Too Many Requests", problem.GetProperty("title").GetString());
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Retry_after_is_the_time_left_in_the_window_not_the_whole_window()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["loyalty"] = 1 }, ThreePerMinute);
        for (var i = 0; i < 3; i++)
        {
            await bed.Client.GetAsync("/api/loyalty/accounts");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var rejected = await bed.Client.GetAsync("/api/loyalty/accounts");

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.InRange(rejected.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(58));
    }

    [Fact]
    public async Task A_client_that_waits_as_long_as_retry_after_says_is_admitted_again()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["loyalty"] = 1 },
            new Dictionary<string, string?> { ["Gateway:RateLimit:PermitLimit"] = "2", ["Gateway:RateLimit:Window"] = "00:00:03" });
        for (var i = 0; i < 2; i++)
        {
            await bed.Client.GetAsync("/api/loyalty/accounts");
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var rejected = await bed.Client.GetAsync("/api/loyalty/accounts");
        var retryAfter = rejected.Headers.RetryAfter!.Delta!.Value;
        await Task.Delay(retryAfter);
        var retried = await bed.Client.GetAsync("/api/loyalty/accounts");

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        // 1.8 s were left, so 2 s, or 1 s when the machine was slow to send the request.
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task A_known_api_key_has_its_own_quota_and_an_unknown_one_does_not_escape_the_limit()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["loyalty"] = 1 }, ThreePerMinute);
        for (var i = 0; i < 3; i++)
        {
            await bed.Client.GetAsync("/api/loyalty/accounts");
        }

        var withKnownKey = await SendWithKeyAsync(bed, "partner-key");
        var withMadeUpKey = await SendWithKeyAsync(bed, $"made-up-{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, withKnownKey.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, withMadeUpKey.StatusCode);
    }

    [Fact]
    public async Task A_known_api_key_gets_the_larger_integration_quota()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["loyalty"] = 1 }, ThreePerMinute);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await SendWithKeyAsync(bed, "partner-key")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Health_probes_and_documentation_are_not_metered()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["loyalty"] = 1 }, ThreePerMinute);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await bed.Client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await bed.Client.GetAsync("/openapi/loyalty.json")).StatusCode);
        }
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync(GatewayTestBed bed, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/loyalty/accounts");
        request.Headers.Add("X-Api-Key", key);
        return bed.Client.SendAsync(request);
    }
}
