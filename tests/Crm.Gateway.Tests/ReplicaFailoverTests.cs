using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Crm.Gateway.Tests;

public sealed class ReplicaFailoverTests
{
    [Fact]
    public async Task A_service_without_a_healthy_replica_answers_503_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["loyalty"] = 1 },
            new Dictionary<string, string?> { ["Gateway:HealthCheckInterval"] = "00:00:00.200" });
        var sick = bed.Backend("loyalty");
        sick.Healthy = false;
        var probesAtStart = sick.HealthProbes;
        await Wait.UntilAsync(() => sick.HealthProbes >= probesAtStart + 3, "the sick replica to be probed");

        var read = await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync("/api/loyalty/accounts"), HttpStatusCode.ServiceUnavailable);
        var write = await ProblemAssert.IsProblemAsync(
            await bed.Client.PostAsJsonAsync("/api/loyalty/accounts", new { customerId = 7 }), HttpStatusCode.ServiceUnavailable);

        Assert.Equal("No replica of the loyalty service is available.", read.GetProperty("detail").GetString());
        Assert.Equal("No replica of the loyalty service is available.", write.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replica_that_refuses_connections_fails_no_request_while_another_is_healthy(bool http2)
    {
        // Probes far apart: the gateway learns of the dead replica only from the requests themselves.
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["customers"] = 2 },
            new Dictionary<string, string?>
            {
                ["Gateway:LoadBalancingPolicy"] = "RoundRobin",
                ["Gateway:HealthCheckInterval"] = "01:00:00",
            },
            http2: http2);
        await bed.Backend("customers", 1).StopAsync();

        var answers = new List<(HttpStatusCode Status, BackendEcho? Echo)>();
        for (var i = 0; i < 20; i++)
        {
            // POSTs too: a refused connection carried nothing, so sending it again cannot do anything twice.
            var response = i % 2 == 0
                ? await bed.Client.GetAsync($"/api/customers/{i}")
                : await bed.Client.PostAsJsonAsync("/api/customers", new { name = $"Customer {i}" });
            answers.Add((response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<BackendEcho>() : null));
        }

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.All(answers, answer => Assert.Equal(0, answer.Echo!.Replica));
        Assert.All(answers.Where(answer => answer.Echo!.Method == "POST"), answer => Assert.True(answer.Echo!.BodyBytes > 0));
    }

    [Fact]
    public async Task With_every_replica_refusing_connections_the_client_gets_502_problem_details()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["customers"] = 2 },
            new Dictionary<string, string?> { ["Gateway:HealthCheckInterval"] = "01:00:00" });
        await bed.Backend("customers", 0).StopAsync();
        await bed.Backend("customers", 1).StopAsync();

        var problem = await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync("/api/customers/1"), HttpStatusCode.BadGateway);

        Assert.Contains("customers", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_replica_taken_out_by_failing_traffic_returns_after_the_configured_reactivation_period()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            new Dictionary<string, int> { ["loyalty"] = 1 },
            new Dictionary<string, string?>
            {
                ["Gateway:RequestTimeout"] = "00:00:01",
                ["Gateway:PassiveHealthReactivation"] = "00:00:02",
            });

        // Ten timed-out requests are a 100 % failure rate over the minimum of ten: the replica leaves the rotation.
        var timedOut = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => bed.Client.GetAsync("/api/loyalty/slow")));
        Assert.All(timedOut, response => Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode));
        var outAt = Stopwatch.StartNew();
        await ProblemAssert.IsProblemAsync(await bed.Client.GetAsync("/api/loyalty/accounts"), HttpStatusCode.ServiceUnavailable);

        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            status = (await bed.Client.GetAsync("/api/loyalty/accounts")).StatusCode;
        }
        while (status != HttpStatusCode.OK && outAt.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, status);
        // YARP alone would keep it out for its 60 s failure window.
        Assert.InRange(outAt.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }
}
