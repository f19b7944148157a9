using Crm.Contracts;
using Dapper;
using Npgsql;
using Xunit;

namespace Crm.Testing;

/// <summary>
/// A service that follows other services' events, on its own database and virtual host, with a stand-in for the
/// services it follows that publishes through a real outbox and broker. Fixtures add their settings in
/// <see cref="Configure"/> (typically: switching off a schedule the tests run themselves).
/// </summary>
/// <typeparam name="TEntryPoint">Any public type of the service's assembly.</typeparam>
public abstract class FollowingServiceFixture<TEntryPoint>(string database) : IAsyncLifetime
    where TEntryPoint : class
{
    private TestEnvironment? _environment;

    public ServiceHost<TEntryPoint> Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The stand-in publisher (named "customers" on the broker).</summary>
    public MessagingService Publisher { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _environment = await infrastructure.CreateEnvironmentAsync(database, "probedb");
        var settings = _environment.Settings();
        Configure(settings);
        Service = new ServiceHost<TEntryPoint>(settings);
        // The service declares its queues on start, before anything is published.
        Client = Service.CreateClient();
        Publisher = await MessagingService.StartAsync(
            "customers", _environment.ConnectionStrings["probedb"], _environment.ConnectionStrings["messaging"]);
    }

    /// <summary>Publishes events as the followed services do: committed to an outbox, relayed to the broker.</summary>
    public Task PublishAsync(params IIntegrationEvent[] events) => Publisher.CommitAsync(events);

    public NpgsqlConnection OpenDatabase() => _environment!.OpenDatabase(database);

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = OpenDatabase();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = OpenDatabase();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    public async Task DisposeAsync()
    {
        await Publisher.DisposeAsync();
        await Service.DisposeAsync();
    }

    /// <summary>Settings of this fixture's own, on top of the environment's.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}
