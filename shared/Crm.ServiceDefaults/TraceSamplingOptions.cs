namespace Crm.ServiceDefaults;

/// <summary>How much of a process's work it traces: configuration section <c>Telemetry</c>.</summary>
public sealed class TraceSamplingOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Share (0–1) of new traces recorded. A trace the caller already sampled is always recorded, and one it left
    /// unsampled never is, so a trace is whole or absent across the suite. Ignored when <c>OTEL_TRACES_SAMPLER</c> is set.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.1;
}
