using System.Net;
using System.Net.Http.Json;

namespace Crm.Gateway.Tests;

public sealed class RoutingTests
{
    public static TheoryData<string, string> Areas => new()
    {
        { "customers", "customers" },
        { "segments", "segmentation" },
        { "profitability", "profitability" },
        { "loyalty", "loyalty" },
        { "campaigns", "campaigns" },
        { "surveys", "feedback" },
        { "webhooks", "webhooks" },
    };

    [Fact]
    public async Task Each_api_area_reaches_its_owning_service_with_path_and_query_unchanged()
    {
        var services = Areas.Select(row => (string)row[1]).ToDictionary(service => service, _ => 1);
        await using var bed = await GatewayTestBed.StartAsync(services);

        foreach (var row in Areas)
        {
            var (area, service) = ((string)row[0], (string)row[1]);
            var echo = await bed.Client.GetFromJsonAsync<BackendEcho>($"/api/{area}/42/items?limit=5");

            Assert.Equal(service, echo!.Service);
            Assert.Equal($"/api/{area}/42/items?limit=5", echo.Path);
        }
    }

    [Fact]
    public async Task The_area_root_itself_is_routed()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var response = await bed.Client.PostAsJsonAsync("/api/customers", new { name = "Ada" });

        var echo = await response.Content.ReadFromJsonAsync<BackendEcho>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("customers", "POST", "/api/customers"), (echo!.Service, echo.Method, echo.Path));
        Assert.True(echo.BodyBytes > 0);
    }

    [Fact]
    public async Task Requests_alternate_between_two_replicas_with_round_robin()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["customers"] = 2 },
            new Dictionary<string, string?> { ["Gateway:LoadBalancingPolicy"] = "RoundRobin" });

        var replicas = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            replicas.Add((await bed.Client.GetFromJsonAsync<BackendEcho>("/api/customers/1"))!.Replica);
        }

        Assert.Equal(3, replicas.Count(replica => replica == 0));
        Assert.Equal(3, replicas.Count(replica => replica == 1));
        Assert.All(replicas.Zip(replicas.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task A_replica_failing_its_health_probe_leaves_the_rotation()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["loyalty"] = 2 },
            new Dictionary<string, string?>
            {
                ["Gateway:LoadBalancingPolicy"] = "RoundRobin",
                ["Gateway:HealthCheckInterval"] = "00:00:00.200",
            });
        var sick = bed.Backend("loyalty", 1);
        sick.Healthy = false;
        var probesAtStart = sick.HealthProbes;

        // The default policy needs two consecutive failed probes.
        await Wait.UntilAsync(() => sick.HealthProbes >= probesAtStart + 3, "the sick replica to be probed");
        var replicas = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            replicas.Add((await bed.Client.GetFromJsonAsync<BackendEcho>("/api/loyalty/accounts"))!.Replica);
        }

        Assert.All(replicas, replica => Assert.Equal(0, replica));
    }

    [Fact]
    public async Task Unknown_routes_answer_404_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        foreach (var path in new[] { "/api/unknown/1", "/nowhere", "/api", "/api/customersX" })
        {
            var problem = await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync(path), HttpStatusCode.NotFound);
            Assert.Contains("/api/customers", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_known_area_whose_service_has_no_address_answers_503_naming_the_missing_setting()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var problem = await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync("/api/surveys/7"), HttpStatusCode.ServiceUnavailable);

        Assert.Contains("services:feedback:http:0", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Paths_with_an_empty_segment_match_no_route_and_answer_404_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        // Built from the authority: a relative "//api/..." would be read as a host named "api".
        foreach (var path in new[] { "//api/customers/42", "/api//customers/42", "//api/surveys/7", "/api//surveys/7" })
        {
            var response = await bed.Client.GetAsync(new Uri($"http://{bed.Address.Authority}{path}"));

            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
            Assert.StartsWith($"No route matches {path}.", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_service_that_stays_silent_past_the_timeout_yields_504_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["campaigns"] = 1 },
            new Dictionary<string, string?> { ["Gateway:RequestTimeout"] = "00:00:01" });

        var started = DateTime.UtcNow;
        var response = await bed.Client.GetAsync("/api/campaigns/slow");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Contains("campaigns", problem.GetProperty("detail").GetString());
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_yields_502_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int>(), unreachable: ["webhooks"]);

        var problem = await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync("/api/webhooks/subscriptions"), HttpStatusCode.BadGateway);

        Assert.Contains("webhooks", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_services_own_errors_pass_through_unchanged()
    {
        await using var bed = await GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 });

        var problem = await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync("/api/customers/42/missing"), HttpStatusCode.NotFound);
        var bare = await bed.Client.GetAsync("/api/customers/42/gone");

        Assert.Equal("customers has no such resource", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.Empty(await bare.Content.ReadAsByteArrayAsync());
    }
}
