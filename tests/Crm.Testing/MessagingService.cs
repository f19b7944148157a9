using Crm.Contracts;
using Crm.Data;
using Crm.Messaging;
using Crm.Messaging.Outbox;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Crm.Testing;

/// <summary>
/// A minimal service built from the shared libraries exactly as the real services are: its own database with
/// the outbox and inbox, the probes' <c>effects</c> table, and a bus with the given consumers.
/// </summary>
public sealed class MessagingService : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingService(IHost host) => _host = host;

    public DeliveryCounter Deliveries { get; } = new();

    public IServiceProvider Services => _host.Services;

    public NpgsqlDataSource DataSource => _host.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<MessagingService> StartAsync(
        string name,
        string databaseConnectionString,
        string brokerConnectionString,
        Action<IBusRegistrationConfigurator>? consumers = null,
        bool relayEnabled = true,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:probedb"] = databaseConnectionString,
            ["ConnectionStrings:messaging"] = brokerConnectionString,
            ["Messaging:Outbox:RelayEnabled"] = relayEnabled.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddCrmDatabase("probedb", typeof(MessagingService).Assembly);
        builder.AddCrmMessaging(name, consumers);
        services?.Invoke(builder.Services);
        var service = new MessagingService(builder.Build());
        await service._host.StartAsync();
        service._host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(service.Deliveries);
        return service;
    }

    /// <summary>Commits the events through the outbox, one transaction, as a service's state change would.</summary>
    public async Task CommitAsync(params IIntegrationEvent[] events)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _host.Services.GetRequiredService<Outbox>().EnqueueAsync(transaction, events);
        await transaction.CommitAsync();
    }

    public Task PublishDirectlyAsync(IIntegrationEvent message) =>
        _host.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = message.EventId);

    public async Task<long> QueryCountAsync(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>The sequence numbers of one customer's probe effects, in the order they were applied.</summary>
    public async Task<IReadOnlyList<int>> QuerySequencesAsync(Guid customerId)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<int>(
            "select sequence from effects where customer_id = @customerId order by id", new { customerId })).AsList();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
