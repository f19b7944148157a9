using Crm.Data;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Crm.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Connects the service to RabbitMQ from <c>ConnectionStrings__messaging</c> (amqp://user:pass@host:port/vhost),
    /// names endpoints <c>{service}-{consumer}</c> in kebab case, declares every consumer's queue and bindings at
    /// start-up, retries transient failures briefly and then moves the message to the queue's <c>_error</c> queue.
    /// Adds the outbox (and its relay) and the inbox tables to the service's database.
    /// </summary>
    public static IHostApplicationBuilder AddCrmMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("Connection string 'messaging' is missing: set ConnectionStrings__messaging (the AppHost does).");
        var broker = BrokerAddress.Parse(connectionString);

        builder.Services.AddOptions<MessagingOptions>().BindConfiguration("Messaging");
        builder.Services.AddMigrations(typeof(MessagingExtensions).Assembly);
        builder.Services.AddSingleton<Outbox.Outbox>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit reports usage to its vendor's server at start-up; a CRM keeps its traffic to itself.
            bus.DisableUsageTelemetry();
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                    host.PublisherConfirmation = true;
                });
                var options = context.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value;
                rabbit.PrefetchCount = options.PrefetchCount;
                rabbit.UseMessageRetry(retry => retry.Intervals(100, 500, 2000));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            // Start-up waits until the bus is connected and every queue is declared, so nothing published
            // afterwards can miss this service's queues.
            host.WaitUntilStarted = true;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddSingleton<Outbox.OutboxFolding>();
        builder.Services.AddHostedService<Outbox.OutboxRelay>();
        return builder;
    }

    /// <summary>
    /// Lets the outbox relay fold runs of this service's small events into one (see <see cref="Outbox.EventFold{TEvent}"/>).
    /// Adding the same fold twice adds it once; two different folds of one event type stop the relay at start-up.
    /// </summary>
    public static IServiceCollection AddEventFold<TFold>(this IServiceCollection services)
        where TFold : class, Outbox.IEventFold
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Outbox.IEventFold, TFold>());
        return services;
    }
}
