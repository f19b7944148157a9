namespace Crm.Gateway.Telemetry;

/// <summary>How much of its traffic the gateway traces: configuration section <c>Gateway</c>.</summary>
public sealed class GatewayTelemetryOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// Share (0–1) of new traces the gateway records. A trace its caller already sampled is always recorded, and one
    /// the caller left unsampled never is, so a trace is whole or absent across the suite. Ignored when
    /// <c>OTEL_TRACES_SAMPLER</c> is set.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.1;
}
