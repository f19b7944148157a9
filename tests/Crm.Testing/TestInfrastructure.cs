using System.Diagnostics;
using Crm.Hosting;

namespace Crm.Testing;

/// <summary>
/// One real RabbitMQ node and one real PostgreSQL cluster for the whole test run, started on first use on free
/// loopback ports in a temporary folder and removed when the run ends. Tests isolate themselves with their own
/// virtual host and databases (<see cref="CreateEnvironmentAsync"/>), so test classes can run in parallel.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(() => StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    private TestInfrastructure(RabbitMqServer broker, PostgresServer database, string folder, TimeSpan startup)
    {
        Broker = broker;
        Database = database;
        Folder = folder;
        StartupTime = startup;
    }

    public RabbitMqServer Broker { get; }

    public PostgresServer Database { get; }

    public string Folder { get; }

    /// <summary>How long the broker and database took to be ready, from nothing.</summary>
    public TimeSpan StartupTime { get; }

    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    /// <summary>Starts a broker and a database from nothing, in parallel, in a fresh temporary folder.</summary>
    public static async Task<TestInfrastructure> StartAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var folder = TestFolders.Create("crm-tests-");
        var brokerTask = StartBrokerAsync(Path.Combine(folder, "rabbitmq"));
        var databaseTask = PostgresServer.StartAsync(new PostgresServerOptions
        {
            DataDirectory = Path.Combine(folder, "postgres"),
            Durable = false,
        });
        await Task.WhenAll(brokerTask, databaseTask);
        var infrastructure = new TestInfrastructure(brokerTask.Result, databaseTask.Result, folder, stopwatch.Elapsed);
        // Test data is throwaway: kill at exit rather than wait for clean shutdowns.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => infrastructure.Kill();
        return infrastructure;
    }

    /// <summary>A RabbitMQ node of a test's own, for tests that stop and restart the broker.</summary>
    public static Task<RabbitMqServer> StartBrokerAsync(string folder) =>
        RabbitMqServer.StartAsync(new RabbitMqServerOptions { DataDirectory = folder });

    /// <summary>A virtual host and the named databases, fresh for one test.</summary>
    public async Task<TestEnvironment> CreateEnvironmentAsync(params string[] databases)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var virtualHost = $"test-{suffix}";
        await Broker.CreateVirtualHostAsync(virtualHost);
        var connectionStrings = new Dictionary<string, string> { ["messaging"] = Broker.ConnectionString(virtualHost) };
        foreach (var database in databases)
        {
            var name = $"{database}_{suffix}";
            await Database.CreateDatabaseAsync(name);
            connectionStrings[database] = Database.ConnectionString(name);
        }

        return new TestEnvironment(this, virtualHost, connectionStrings);
    }

    public void Kill()
    {
        Broker.Kill();
        Database.Kill();
        TestFolders.TryDelete(Folder);
    }

    public async Task StopAsync()
    {
        await Task.WhenAll(Broker.StopAsync(), Database.StopAsync());
        TestFolders.TryDelete(Folder);
    }
}
