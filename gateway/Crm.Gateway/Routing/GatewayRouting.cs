using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Crm.Gateway.Routing;

internal static class GatewayRouting
{
    public static IServiceCollection AddGatewayRouting(this IServiceCollection services)
    {
        services.AddOptions<GatewayRoutingOptions>()
            .BindConfiguration(GatewayRoutingOptions.Section)
            .Validate(options => options.RequestTimeout > TimeSpan.Zero, "Gateway:RequestTimeout must be positive.")
            .Validate(options => options.HealthCheckInterval > TimeSpan.Zero, "Gateway:HealthCheckInterval must be positive.")
            .Validate(options => options.HealthCheckTimeout > TimeSpan.Zero, "Gateway:HealthCheckTimeout must be positive.")
            .Validate(options => options.PassiveHealthReactivation > TimeSpan.Zero, "Gateway:PassiveHealthReactivation must be positive.")
            .ValidateOnStart();
        // YARP keeps a replica out for at least its failure-rate window (60 s), whatever the reactivation period says.
        // Shortening the window to the period makes a shorter period real; a longer period needs no change.
        services.AddOptions<TransportFailureRateHealthPolicyOptions>().Configure<IOptions<GatewayRoutingOptions>>((policy, routing) =>
        {
            if (routing.Value.PassiveHealthReactivation < policy.DetectionWindowSize)
            {
                policy.DetectionWindowSize = routing.Value.PassiveHealthReactivation;
            }
        });
        services.AddSingleton<ServiceCatalog>();
        services.AddSingleton<IProxyConfigProvider>(provider => ProxyConfigFactory.Create(
            provider.GetRequiredService<ServiceCatalog>(),
            provider.GetRequiredService<IOptions<GatewayRoutingOptions>>().Value));
        services.AddReverseProxy();
        return services;
    }

    public static WebApplication MapGatewayRoutes(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyErrorMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseMiddleware<RefusedConnectionRetry>();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
