using Crm.Contracts;
using Crm.Segmentation.Data;
using Crm.Testing;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Tests;

/// <summary>
/// The segmentation service on its own database and virtual host, with a stand-in for the services whose events it
/// follows, publishing through a real outbox and broker. Fixtures add their settings in <see cref="Configure"/>.
/// </summary>
public abstract class SegmentationServiceFixture : IAsyncLifetime
{
    private TestEnvironment? _environment;

    public ServiceHost<CustomerFactStore> Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public MessagingService Publisher { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _environment = await infrastructure.CreateEnvironmentAsync("segmentationdb", "probedb");
        var settings = _environment.Settings();
        // Tests run the recompute themselves.
        settings["Segmentation:RecomputeInterval"] = "00:00:00";
        Configure(settings);
        Service = new ServiceHost<CustomerFactStore>(settings);
        // The service declares its queues on start, before anything is published.
        Client = Service.CreateClient();
        Publisher = await MessagingService.StartAsync(
            "customers", _environment.ConnectionStrings["probedb"], _environment.ConnectionStrings["messaging"]);
    }

    public Task PublishAsync(params IIntegrationEvent[] events) => Publisher.CommitAsync(events);

    public NpgsqlConnection OpenDatabase() => _environment!.OpenDatabase("segmentationdb");

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = OpenDatabase();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
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
