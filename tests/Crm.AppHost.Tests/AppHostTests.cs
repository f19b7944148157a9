using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Hosting;
using Crm.Testing;

namespace Crm.AppHost.Tests;

/// <summary>The whole suite from one command, as a platform engineer runs it.</summary>
public sealed class AppHostTests
{
    [Fact]
    public async Task The_suite_starts_serves_through_the_gateway_restarts_a_killed_service_and_stops_without_leftovers()
    {
        var state = RunningAppHost.NewStateDirectory();
        await using var appHost = await RunningAppHost.StartAsync(state);

        var customer = await RegisterAsync(appHost.Gateway);
        await Eventually.ReturnsAsync(() => StatusAsync(appHost.Gateway, $"/api/loyalty/accounts/{customer}"), status => status == HttpStatusCode.OK,
            because: "for the points account opened from the CustomerRegistered event");

        // Each service listens where its appsettings.json declares, moved to the ports the AppHost chose: http for
        // people and probes, h2c (HTTP/2 only) for the gateway.
        var customers = (await appHost.InstancesAsync())["customers"];
        var endpoints = customers.GetProperty("endpoints").EnumerateArray().Select(e => new Uri(e.GetString()!)).ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.Equal(endpoints[1].ToString().TrimEnd('/'), Assert.Single(customers.GetProperty("http2Endpoints").EnumerateArray()).GetString());
        Assert.Equal(HttpVersion.Version20, await HealthVersionAsync(endpoints[1], HttpVersion.Version20));
        Assert.Equal(HttpVersion.Version11, await HealthVersionAsync(endpoints[0], HttpVersion.Version11));

        var killed = (await appHost.InstancesAsync())["customers"].GetProperty("processId").GetInt32();
        NativeKill(killed);
        var restarted = await Eventually.ReturnsAsync(
            async () => (await appHost.InstancesAsync())["customers"],
            instance => instance.GetProperty("restarts").GetInt32() == 1 && instance.GetProperty("state").GetString() == "Running",
            timeout: TimeSpan.FromSeconds(60), because: "for the customers service to be restarted and healthy");
        Assert.NotEqual(killed, restarted.GetProperty("processId").GetInt32());
        await Eventually.ReturnsAsync(() => StatusAsync(appHost.Gateway, $"/api/customers/{customer}"), status => status == HttpStatusCode.OK,
            timeout: TimeSpan.FromSeconds(30), because: "for the restarted service to serve through the gateway");

        var started = ProcessTree.DescendantsOf(appHost.ProcessId);
        Assert.Contains(started, process => process.Command.Contains("beam.smp", StringComparison.Ordinal));
        Assert.Contains(started, process => process.Command.Contains("postgres", StringComparison.Ordinal));
        Assert.Contains(started, process => process.Command.Contains("Crm.Gateway.dll", StringComparison.Ordinal));

        Assert.Equal(0, await appHost.StopAsync());
        var leftovers = started.Where(ProcessTree.IsAlive).ToList();
        Assert.True(leftovers.Count == 0, "still running: " + string.Join("; ", leftovers.Select(p => $"{p.Pid} {p.Command}")));
        TestFolders.TryDelete(state);
    }

    /// <summary>The HTTP version a healthy endpoint answered in, asked in exactly <paramref name="version"/>.</summary>
    private static async Task<Version> HealthVersionAsync(Uri endpoint, Version version)
    {
        using var client = new HttpClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/health"))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Version;
    }

    [Fact]
    public async Task Data_survives_a_restart_and_reset_wipes_it()
    {
        var state = RunningAppHost.NewStateDirectory();
        string customer;
        await using (var first = await RunningAppHost.StartAsync(state))
        {
            customer = await RegisterAsync(first.Gateway);
            Assert.Equal(0, await first.StopAsync());
        }

        await using (var second = await RunningAppHost.StartAsync(state))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(second.Gateway, $"/api/customers/{customer}"));
            Assert.Equal(0, await second.StopAsync());
        }

        await using (var reset = await RunningAppHost.StartAsync(state, "--reset"))
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(reset.Gateway, $"/api/customers/{customer}"));
            Assert.Equal(0, await reset.StopAsync());
        }

        TestFolders.TryDelete(state);
    }

    [Fact]
    public async Task Killing_the_broker_process_the_dashboard_shows_marks_it_failed_and_stopping_still_leaves_nothing()
    {
        var state = RunningAppHost.NewStateDirectory();
        await using var appHost = await RunningAppHost.StartAsync(state);
        var started = ProcessTree.DescendantsOf(appHost.ProcessId);

        // The PID shown is the Erlang VM itself, not the rabbitmq-server wrapper script that started it.
        var broker = (await appHost.InstancesAsync())["messaging"].GetProperty("processId").GetInt32();
        Assert.Contains("beam.smp", ProcessTree.Find(broker)?.Command ?? "", StringComparison.Ordinal);
        NativeKill(broker);

        var failed = await Eventually.ReturnsAsync(
            async () => await appHost.ResourcesAsync(),
            resources => resources.GetProperty("notHealthy").EnumerateArray().Any(name => name.GetString() == "messaging"),
            timeout: TimeSpan.FromSeconds(30), because: "for the dashboard to report the broker down");
        var messaging = failed.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "messaging");
        Assert.Equal("Failed", messaging.GetProperty("instances")[0].GetProperty("state").GetString());
        Assert.Contains(appHost.AppHostLines, line => line.Contains("messaging stopped unexpectedly", StringComparison.Ordinal));

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await appHost.StopAsync());
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(40), $"stopping took {stopping.Elapsed}");
        Assert.Contains(appHost.AppHostLines, line => line.EndsWith("Stopped.", StringComparison.Ordinal));
        var leftovers = started.Where(ProcessTree.IsAlive).ToList();
        Assert.True(leftovers.Count == 0, "still running: " + string.Join("; ", leftovers.Select(p => $"{p.Pid} {p.Command}")));
        TestFolders.TryDelete(state);
    }

    [Fact]
    public async Task After_a_kill_9_of_the_AppHost_its_processes_go_and_a_new_run_on_the_same_state_folder_starts()
    {
        var state = RunningAppHost.NewStateDirectory();
        IReadOnlyList<ProcessTree.Entry> started;
        await using (var killed = await RunningAppHost.StartAsync(state))
        {
            started = ProcessTree.DescendantsOf(killed.ProcessId);
            killed.KillAppHostOnly();

            // Started at once: it waits for the previous run's processes instead of failing on a node "already running".
            await using var next = await RunningAppHost.StartAsync(state);
            Assert.DoesNotContain(started, ProcessTree.IsAlive);
            Assert.Contains(next.AppHostLines, line => line.Contains("the previous run", StringComparison.OrdinalIgnoreCase) && line.Contains("still stopping", StringComparison.Ordinal));
            Assert.Equal(0, await next.StopAsync());
        }

        TestFolders.TryDelete(state);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_zero()
    {
        foreach (var option in new[] { "--help", "-h" })
        {
            var (exitCode, output) = await RunningAppHost.RunToEndAsync(option);
            Assert.Equal(0, exitCode);
            Assert.StartsWith("usage: Crm.AppHost", output.TrimStart(), StringComparison.Ordinal);
            Assert.DoesNotContain("Unknown option", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_port_in_use_is_refused_in_one_line_with_exit_code_2_before_anything_starts()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var state = RunningAppHost.NewStateDirectory();
        foreach (var option in new[] { "--gateway-port", "--dashboard-port" })
        {
            var other = option == "--gateway-port" ? "--dashboard-port" : "--gateway-port";
            var (exitCode, output) = await RunningAppHost.RunToEndAsync(
                "--state-dir", state, option, $"{port}", other, $"{FreePort.Next()}");
            Assert.Equal(2, exitCode);
            Assert.Equal($"port {port} is in use by another program (is the suite already running?); stop it, or choose another port with {option}.", output.Trim());
            Assert.False(Directory.Exists(Path.Combine(state, "rabbitmq")), "nothing should have started");
        }

        TestFolders.TryDelete(state);
    }

    private static async Task<string> RegisterAsync(HttpClient gateway)
    {
        var response = await gateway.PostAsJsonAsync("/api/customers", new { externalId = $"C-{Guid.NewGuid():N}", name = "Katherine Johnson" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient gateway, string path)
    {
        using var response = await gateway.GetAsync(path);
        return response.StatusCode;
    }

    private static void NativeKill(int pid) => System.Diagnostics.Process.GetProcessById(pid).Kill();
}
