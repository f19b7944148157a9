using Crm.Gateway.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Gateway.Health;

/// <summary>
/// The gateway owns no database or broker; it is ready once it knows where at least one service lives. Services'
/// own health is probed per replica by the proxy, and one service being down must not take the gateway out.
/// </summary>
internal sealed class RoutesHealthCheck(ServiceCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.Services.Count > 0
            ? HealthCheckResult.Healthy($"Routing {string.Join(", ", catalog.Services.Select(service => $"/api/{service.Area} to {service.Name} ({service.Addresses.Count})"))}")
            : HealthCheckResult.Degraded("No service address configured (services:<name>:http:0); every /api route answers 503."));
}
