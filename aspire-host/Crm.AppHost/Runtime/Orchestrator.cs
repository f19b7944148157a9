using System.Diagnostics;
using Crm.AppHost.Model;
using Crm.Hosting;

namespace Crm.AppHost.Runtime;

/// <summary>
/// Starts the graph in dependency order — broker and database first, then each project once everything it waits
/// for is healthy — and stops it in reverse: projects first, then broker and database.
/// </summary>
public sealed class Orchestrator(SuiteGraph graph, AppHostOptions options, IHostApplicationLifetime lifetime)
    : BackgroundService, IHostedLifecycleService
{
    private readonly List<ProjectSupervisor> _supervisors = [];
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private RabbitMqServer? _broker;
    private readonly CancellationTokenSource _shutdown = new();
    private volatile bool _stopping;
    private PostgresServer? _postgres;

    /// <summary>How long after start every resource was running and healthy (null until then).</summary>
    public TimeSpan? ReadyAfter { get; private set; }

    public Uri? BrokerManagementUri => _broker?.ManagementUri;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, _shutdown.Token);
        var stoppingToken = linked.Token;
        try
        {
            await StartInfrastructureAsync(stoppingToken);
            StartProjects(stoppingToken);
            while (!graph.All.All(resource => resource.IsReady))
            {
                await Task.Delay(100, stoppingToken);
            }

            ReadyAfter = _sinceStart.Elapsed;
            var gateway = graph.Gateway.Instances[0].Endpoints[0];
            ConsoleOutput.Info($"Suite ready in {ReadyAfter.Value.TotalSeconds:F1} s. Gateway: {gateway}   Dashboard: http://127.0.0.1:{options.DashboardPort}/");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            ConsoleOutput.Info($"The suite could not start: {ex.Message}");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs before any hosted service (the dashboard's web server among them) stops, so services can still flush
    /// their telemetry to the dashboard while they shut down.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await _shutdown.CancelAsync();
        ConsoleOutput.Info("Stopping services...");
        ProjectSupervisor[] supervisors;
        lock (_supervisors)
        {
            supervisors = [.. _supervisors];
        }

        await Task.WhenAll(supervisors.Select(supervisor => StopQuietlyAsync(supervisor.StopAsync)));
        ConsoleOutput.Info("Stopping broker and database...");
        await Task.WhenAll(
            StopQuietlyAsync(() => _broker?.StopAsync() ?? Task.CompletedTask),
            StopQuietlyAsync(() => _postgres?.StopAsync() ?? Task.CompletedTask));
        foreach (var instance in new Resource[] { graph.Messaging, graph.Postgres }.Concat(graph.Postgres.Databases).SelectMany(resource => resource.Instances))
        {
            instance.Ended(0, restarting: false);
        }

        ConsoleOutput.Info("Stopped.");
    }

    /// <summary>Stopping goes on whatever one resource does: a failure is reported, and the rest still stop.</summary>
    private static async Task StopQuietlyAsync(Func<Task> stop)
    {
        try
        {
            await stop();
        }
        catch (Exception ex)
        {
            ConsoleOutput.Info($"While stopping: {ex.Message}");
        }
    }

    private async Task StartInfrastructureAsync(CancellationToken cancellationToken)
    {
        if (options.Reset && Directory.Exists(options.StateDirectory))
        {
            ConsoleOutput.Info($"--reset: deleting {options.StateDirectory}");
            Directory.Delete(options.StateDirectory, recursive: true);
        }

        PreviousRun.Record(options.StateDirectory);
        var ports = new PersistedPorts(options.StateDirectory).Load();
        var brokerInstance = graph.Messaging.Instances[0];
        var postgresInstance = graph.Postgres.Instances[0];
        brokerInstance.Set(ResourceState.Starting);
        postgresInstance.Set(ResourceState.Starting);

        var brokerTask = RabbitMqServer.StartAsync(new RabbitMqServerOptions
        {
            DataDirectory = Path.Combine(options.StateDirectory, "rabbitmq"),
            // Named after the state folder: stable across restarts (its queues live under the name), and distinct
            // from another AppHost's node running beside it from another folder.
            NodeName = $"crm-{StableHash(options.StateDirectory)}@localhost",
            Port = ports["rabbitmq"],
            ManagementPort = ports["rabbitmq-management"],
            Output = ConsoleOutput.For(brokerInstance),
        }, cancellationToken);
        var postgresTask = PostgresServer.StartAsync(new PostgresServerOptions
        {
            DataDirectory = Path.Combine(options.StateDirectory, "postgres"),
            Port = ports["postgres"],
            Output = ConsoleOutput.For(postgresInstance),
        }, cancellationToken);

        _broker = await brokerTask;
        graph.Messaging.ConnectionString = _broker.ConnectionString();
        brokerInstance.Started(_broker.ProcessId ?? 0);
        brokerInstance.Endpoints.AddRange([$"amqp://127.0.0.1:{_broker.Port}", _broker.ManagementUri.ToString()]);
        brokerInstance.Set(ResourceState.Running, "Healthy");
        Watch(_broker.Exited, brokerInstance);

        _postgres = await postgresTask;
        postgresInstance.Started(_postgres.ProcessId ?? 0);
        postgresInstance.Endpoints.Add($"postgresql://127.0.0.1:{_postgres.Port}");
        postgresInstance.Set(ResourceState.Running, "Healthy");
        Watch(_postgres.Exited, postgresInstance, graph.Postgres.Databases);

        foreach (var database in graph.Postgres.Databases)
        {
            await _postgres.CreateDatabaseAsync(database.Name, cancellationToken);
            database.ConnectionString = _postgres.ConnectionString(database.Name);
            database.Instances.Add(new ResourceInstance(database.Name));
            database.Instances[0].Set(ResourceState.Running, "Healthy");
        }
    }

    private void StartProjects(CancellationToken cancellationToken)
    {
        var launcher = new ProjectLauncher(options.DashboardPort);
        var discovery = new ServiceDiscovery();
        var addresses = new Dictionary<ResourceInstance, InstanceAddresses>();
        foreach (var project in graph.Projects)
        {
            for (var replica = 0; replica < project.Replicas; replica++)
            {
                var instance = new ResourceInstance(project.Replicas == 1 ? project.Name : $"{project.Name}-{replica}");
                var fixedPort = replica == 0 ? project.FixedPort : null;
                var ports = project.Endpoints.ToDictionary(
                    endpoint => endpoint,
                    endpoint => endpoint == project.PrimaryEndpoint && fixedPort is { } port ? port : FreePort.Next());
                var instanceAddresses = addresses[instance] = new InstanceAddresses(project.PrimaryEndpoint, ports);
                project.Instances.Add(instance);
                foreach (var endpoint in project.Endpoints)
                {
                    var address = instanceAddresses.Url(endpoint);
                    instance.Endpoints.Add(address);
                    if (endpoint.Http2)
                    {
                        instance.Http2Endpoints.Add(address);
                    }

                    discovery.Add(project, endpoint, address);
                }
            }
        }

        foreach (var project in graph.Projects)
        {
            _ = StartWhenDependenciesReadyAsync(project, launcher, addresses, discovery, cancellationToken);
        }
    }

    private async Task StartWhenDependenciesReadyAsync(
        ProjectResource project,
        ProjectLauncher launcher,
        Dictionary<ResourceInstance, InstanceAddresses> addresses,
        ServiceDiscovery discovery,
        CancellationToken cancellationToken)
    {
        while (!project.WaitsFor.All(dependency => dependency.IsReady))
        {
            await Task.Delay(100, cancellationToken);
        }

        foreach (var instance in project.Instances)
        {
            var supervisor = new ProjectSupervisor(
                instance,
                () => launcher.Spec(project, instance, addresses[instance], discovery),
                new Uri(addresses[instance].Primary, "/health"));
            lock (_supervisors)
            {
                if (_stopping)
                {
                    return;
                }

                _supervisors.Add(supervisor);
                supervisor.Start();
            }
        }
    }

    private static string StableHash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..10];

    /// <summary>Marks a server, and the databases it holds, failed when its process ends while the suite runs.</summary>
    private void Watch(Task exited, ResourceInstance instance, IEnumerable<Resource>? parts = null) =>
        exited.ContinueWith(
            _ =>
            {
                if (!_stopping && instance.State == ResourceState.Running)
                {
                    instance.Set(ResourceState.Failed, "Unhealthy");
                    foreach (var part in (parts ?? []).SelectMany(resource => resource.Instances))
                    {
                        part.Set(ResourceState.Failed, "Unhealthy");
                    }

                    ConsoleOutput.Info($"{instance.Name} stopped unexpectedly; restart the AppHost to bring it back.");
                }
            },
            TaskScheduler.Default);
}
