using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

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
            .ValidateOnStart();
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
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
