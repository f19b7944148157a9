using System.Net;
using System.Net.Http.Json;
using Crm.Contracts;
using Crm.Segmentation.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Segmentation.Tests;

/// <summary>
/// The segmentation service on its own database and virtual host, with a stand-in for the services whose events it
/// follows, publishing through a real outbox and broker.
/// </summary>
public sealed class SegmentationFixture : IAsyncLifetime
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
        Service = new ServiceHost<CustomerFactStore>(settings);
        // The service declares its queues on start, before anything is published.
        Client = Service.CreateClient();
        Publisher = await MessagingService.StartAsync(
            "customers", _environment.ConnectionStrings["probedb"], _environment.ConnectionStrings["messaging"]);
    }

    public Task PublishAsync(params IIntegrationEvent[] events) => Publisher.CommitAsync(events);

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("segmentationdb");
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    /// <summary>The customer's facts once <paramref name="ready"/> holds, as the API answers them.</summary>
    public Task<T> FactsAsync<T>(Guid customerId, Func<T, bool> ready) where T : class => Eventually.ReturnsAsync(
        async () =>
        {
            var response = await Client.GetAsync($"/api/segments/customers/{customerId}/facts");
            return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<T>())! : null!;
        },
        facts => facts is not null && ready(facts),
        because: $"for the facts of {customerId}");

    public async Task DisposeAsync()
    {
        await Publisher.DisposeAsync();
        await Service.DisposeAsync();
    }
}
