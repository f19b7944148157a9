using Crm.Hosting;
using Crm.Testing;

namespace Crm.Benchmarks.Transactions;

/// <summary>
/// The customers service with a broker and a durable PostgreSQL of its own (fsync and full page writes on, as the
/// AppHost runs it), each in a process of its own, data in <c>folder</c>.
/// </summary>
public sealed class CustomersAlone : IAsyncDisposable
{
    private readonly RabbitMqServer _broker;
    private readonly PostgresServer _database;

    private CustomersAlone(RabbitMqServer broker, PostgresServer database, ServiceProcess service)
    {
        _broker = broker;
        _database = database;
        Service = service;
    }

    public ServiceProcess Service { get; }

    /// <param name="settings">Settings beyond the connection strings, as the AppHost would set them.</param>
    public static async Task<CustomersAlone> StartAsync(string folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var broker = await TestInfrastructure.StartBrokerAsync(Path.Combine(folder, "rabbitmq"));
        var database = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = Path.Combine(folder, "postgres") });
        await database.CreateDatabaseAsync("customersdb");
        await broker.CreateVirtualHostAsync("bench");
        var environment = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:customersdb"] = database.ConnectionString("customersdb"),
            ["ConnectionStrings:messaging"] = broker.ConnectionString("bench"),
        };
        return new CustomersAlone(broker, database, await ServiceProcess.StartAsync("services/Customers/Crm.Customers", environment));
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await _database.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
