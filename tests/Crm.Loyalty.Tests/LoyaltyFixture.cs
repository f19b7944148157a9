using System.Net;
using System.Net.Http.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Loyalty;
using Crm.Loyalty.Model;
using Crm.Testing;
using Dapper;

namespace Crm.Loyalty.Tests;

/// <summary>
/// The loyalty service on its own database and virtual host, with a stand-in for the services whose events it follows,
/// publishing through a real outbox and broker.
/// </summary>
public sealed class LoyaltyFixture : IAsyncLifetime
{
    private TestEnvironment? _environment;

    public ServiceHost<LoyaltyOptions> Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public MessagingService Publisher { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _environment = await infrastructure.CreateEnvironmentAsync("loyaltydb", "probedb");
        var settings = _environment.Settings();
        // Tests run housekeeping (expiry, notices, tier reviews) themselves.
        settings["Loyalty:HousekeepingInterval"] = "00:00:00";
        Service = new ServiceHost<LoyaltyOptions>(settings);
        // The service declares its queues on start, before anything is published.
        Client = Service.CreateClient();
        Publisher = await MessagingService.StartAsync(
            "customers", _environment.ConnectionStrings["probedb"], _environment.ConnectionStrings["messaging"]);
    }

    public Task PublishAsync(params IIntegrationEvent[] events) => Publisher.CommitAsync(events);

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("loyaltydb");
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("loyaltydb");
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    /// <summary>A registered member, its account opened from the CustomerRegistered event.</summary>
    public async Task<Guid> RegisterAsync(DateTimeOffset? at = null)
    {
        var customerId = Guid.CreateVersion7();
        await PublishAsync(new CustomerRegistered(Guid.CreateVersion7(), at ?? DateTimeOffset.UtcNow, customerId, $"ext-{customerId:N}", "Member", null));
        await AccountAsync(customerId, _ => true);
        return customerId;
    }

    /// <summary>The member's account once <paramref name="ready"/> holds, as the API answers it.</summary>
    public Task<PointsAccount> AccountAsync(Guid customerId, Func<PointsAccount, bool> ready, string? because = null) => Eventually.ReturnsAsync(
        async () =>
        {
            var response = await Client.GetAsync($"/api/loyalty/accounts/{customerId}");
            return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<PointsAccount>())! : null!;
        },
        account => account is not null && ready(account),
        because: because ?? $"for the account of {customerId}");

    /// <summary>Waits until the service has consumed each of these events (their ids are in its inbox).</summary>
    public Task ConsumedAsync(params Guid[] eventIds) => Eventually.ReturnsAsync(
        () => ScalarAsync<long>("select count(distinct message_id) from inbox where message_id = any(@eventIds)", new { eventIds }),
        consumed => consumed == eventIds.Length,
        because: $"for {eventIds.Length} events to be consumed");

    public async Task DisposeAsync()
    {
        await Publisher.DisposeAsync();
        await Service.DisposeAsync();
    }
}
