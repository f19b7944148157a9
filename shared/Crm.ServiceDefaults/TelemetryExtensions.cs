using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Crm.ServiceDefaults;

internal static class TelemetryExtensions
{
    /// <summary>Traces, metrics and logs; exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the AppHost sets it).</summary>
    public static TBuilder AddCrmTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation(aspnet =>
                    aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation());

        // A recorded span costs CPU here and in whatever receives it, and traces that start in a service (the outbox
        // relay's publish, a scheduled job, a call that bypassed the gateway) would otherwise all be recorded — every
        // event, in every consumer. New traces are sampled (the gateway sets its own ratio into the same options); a
        // sampled parent is always followed. OTEL_TRACES_SAMPLER, an operator's explicit choice, wins.
        builder.Services.AddOptions<TraceSamplingOptions>().BindConfiguration(TraceSamplingOptions.Section);
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_TRACES_SAMPLER"]))
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider((provider, tracing) =>
            {
                var ratio = Math.Clamp(provider.GetRequiredService<IOptions<TraceSamplingOptions>>().Value.TraceSampleRatio, 0, 1);
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)));
            });
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
