using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Crm.Hosting;

/// <summary>
/// A real RabbitMQ node (Debian's rabbitmq-server) run in the foreground as a child process, with the management
/// plugin for its HTTP API and UI. Each node has its own name, ports and folder, so several can run side by side.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private readonly RabbitMqServerOptions _options;
    private readonly HttpClient _management;
    private ChildProcess? _process;

    private RabbitMqServer(RabbitMqServerOptions options, int port, int distributionPort, int managementPort)
    {
        _options = options;
        Port = port;
        DistributionPort = distributionPort;
        ManagementPort = managementPort;
        _management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}/api/") };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }

    public int Port { get; }

    public int DistributionPort { get; }

    public int ManagementPort { get; }

    public string NodeName => _options.NodeName ?? $"crm-{Port}@localhost";

    public Uri ManagementUri => new($"http://127.0.0.1:{ManagementPort}/");

    public int? ProcessId => _process?.ProgramId ?? _process?.Id;

    public Task Exited => _process?.Exited ?? Task.CompletedTask;

    public static async Task<RabbitMqServer> StartAsync(RabbitMqServerOptions options, CancellationToken cancellationToken = default)
    {
        var port = options.Port == 0 ? FreePort.Next() : options.Port;
        var distributionPort = FreePort.Next();
        var managementPort = options.ManagementPort == 0 ? FreePort.Next() : options.ManagementPort;
        var server = new RabbitMqServer(options, port, distributionPort, managementPort);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>The connection string an Aspire AppHost injects as ConnectionStrings__messaging.</summary>
    public string ConnectionString(string? virtualHost = null)
    {
        var user = Uri.EscapeDataString(_options.Username);
        var password = Uri.EscapeDataString(_options.Password);
        var path = virtualHost is null ? "" : "/" + Uri.EscapeDataString(virtualHost);
        return $"amqp://{user}:{password}@127.0.0.1:{Port}{path}";
    }

    /// <summary>Creates a virtual host (the creating user gets full permissions), e.g. to isolate tests on one node.</summary>
    public async Task CreateVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await _management.PutAsync($"vhosts/{Uri.EscapeDataString(name)}", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Number of messages waiting in a queue, as the management API reports it (0 for a queue that does not exist).</summary>
    public async Task<int> CountMessagesAsync(string queue, string virtualHost = "/", CancellationToken cancellationToken = default)
    {
        using var response = await _management.GetAsync(
            $"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return 0;
        }

        response.EnsureSuccessStatusCode();
        using var document = await System.Text.Json.JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.TryGetProperty("messages", out var messages) ? messages.GetInt32() : 0;
    }

    /// <summary>Starts the node again after <see cref="StopAsync"/>, with the same ports and data.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var script = ToolLocator.RabbitMqServer();
        var directory = Path.GetFullPath(_options.DataDirectory);
        Directory.CreateDirectory(Path.Combine(directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(directory, "log"));
        var configFile = Path.Combine(directory, "rabbitmq.conf");
        var pluginsFile = Path.Combine(directory, "enabled_plugins");
        await File.WriteAllTextAsync(configFile, Configuration(), cancellationToken);
        await File.WriteAllTextAsync(pluginsFile, "[rabbitmq_management].\n", cancellationToken);

        _process = ChildProcess.Start(new ChildProcessSpec(script, [])
        {
            WorkingDirectory = directory,
            Environment = new Dictionary<string, string?>
            {
                // HOME holds the node's Erlang cookie; keeping it in the node folder keeps nodes independent.
                ["HOME"] = directory,
                ["RABBITMQ_NODENAME"] = NodeName,
                ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
                ["RABBITMQ_LOGS"] = "-",
                ["RABBITMQ_CONFIG_FILE"] = configFile,
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
                ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
            },
            Output = _options.Output,
            // Services using the node stop first when the owner is killed; a clean stop takes a few seconds.
            StopDelayWhenOwnerGone = TimeSpan.FromSeconds(2),
            KillAfter = TimeSpan.FromSeconds(10),
        });

        await WaitUntilReadyAsync(cancellationToken);
    }

    /// <summary>Stops the node gracefully; durable queues and persistent messages survive.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>Kills the server at once, without a clean shutdown (for throwaway test data).</summary>
    public void Kill() => _process?.Kill();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _management.Dispose();
    }

    private string Configuration() => $"""
        default_user = {_options.Username}
        default_pass = {_options.Password}
        loopback_users = none
        listeners.tcp.1 = 127.0.0.1:{Port}
        management.tcp.ip = 127.0.0.1
        management.tcp.port = {ManagementPort}
        """;

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ exited during start-up:{Environment.NewLine}{_process.RecentOutput}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"RabbitMQ did not become ready in 90 s:{Environment.NewLine}{_process.RecentOutput}");
            }

            // The aliveness test declares a queue and round-trips a message on the default virtual host:
            // when it answers ok, AMQP clients can work.
            try
            {
                using var response = await _management.GetAsync("aliveness-test/%2F", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
