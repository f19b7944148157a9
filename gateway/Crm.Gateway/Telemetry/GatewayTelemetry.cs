using Crm.Gateway.ApiDocs;
using Crm.Gateway.Routing;
using Crm.ServiceDefaults;
using Microsoft.Extensions.Options;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;

namespace Crm.Gateway.Telemetry;

/// <summary>
/// Tracing sized for the process every request passes through. Recording a span for each proxied request is a real
/// share of the gateway's CPU, so it samples new traces (W3C <c>traceparent</c> still reaches every service, sampled
/// or not) and never traces its own housekeeping: health probes and API documentation.
/// </summary>
internal static class GatewayTelemetry
{
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services)
    {
        services.AddOptions<GatewayTelemetryOptions>()
            .BindConfiguration(GatewayTelemetryOptions.Section)
            .Validate(options => options.TraceSampleRatio is >= 0 and <= 1, "Gateway:TraceSampleRatio must be between 0 and 1.")
            .ValidateOnStart();

        // The shared sampler (Crm.ServiceDefaults) samples new traces at the gateway's own ratio.
        services.AddOptions<TraceSamplingOptions>().Configure<IOptions<GatewayTelemetryOptions>>(
            (sampling, gateway) => sampling.TraceSampleRatio = gateway.Value.TraceSampleRatio);

        services.Configure<AspNetCoreTraceInstrumentationOptions>(options =>
        {
            var previous = options.Filter;
            options.Filter = context =>
                (previous?.Invoke(context) ?? true)
                && !context.Request.Path.StartsWithSegments("/openapi")
                && !context.Request.Path.StartsWithSegments("/scalar");
        });

        services.AddOptions<HttpClientTraceInstrumentationOptions>()
            .Configure<IOptions<GatewayRoutingOptions>, IOptions<ServiceDocumentOptions>>((options, routing, documents) =>
            {
                var previous = options.FilterHttpRequestMessage;
                var probePath = routing.Value.HealthCheckPath;
                var documentPath = documents.Value.DocumentPath;
                options.FilterHttpRequestMessage = request =>
                    (previous?.Invoke(request) ?? true)
                    && request.RequestUri?.AbsolutePath is { } path
                    && path != probePath
                    && path != documentPath;
            });
        return services;
    }
}
