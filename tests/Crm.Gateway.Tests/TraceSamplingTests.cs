using System.Net.Http.Json;

namespace Crm.Gateway.Tests;

/// <summary>
/// The gateway records a share of new traces and follows its caller's decision for the rest; the service sees the
/// decision in the forwarded <c>traceparent</c>'s flags (01 sampled, 00 not), so the suite records a trace whole or not at all.
/// </summary>
// Activity listeners are process-wide: another test's gateway recording every trace at the same moment would sample
// this one's requests too. This collection runs alone, after the parallel ones.
[Collection(nameof(TraceSamplingTests))]
public sealed class TraceSamplingTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpan = "00f067aa0ba902b7";

    [Theory]
    [InlineData("0", "00")]
    [InlineData("1", "01")]
    public async Task A_new_trace_is_sampled_at_the_configured_ratio(string ratio, string forwardedFlags)
    {
        await using var bed = await StartAsync(ratio);

        var echo = await bed.Client.GetFromJsonAsync<BackendEcho>("/api/customers/1");

        Assert.Equal(forwardedFlags, Flags(echo!.Header("traceparent")));
    }

    [Theory]
    [InlineData("01", "0")]
    [InlineData("00", "1")]
    public async Task The_callers_sampling_decision_is_kept_whatever_the_ratio(string callerFlags, string ratio)
    {
        await using var bed = await StartAsync(ratio);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/customers/1");
        request.Headers.Add("traceparent", $"00-{TraceId}-{CallerSpan}-{callerFlags}");

        var echo = await (await bed.Client.SendAsync(request)).Content.ReadFromJsonAsync<BackendEcho>();

        var forwarded = echo!.Header("traceparent")!.Split('-');
        Assert.Equal(TraceId, forwarded[1]);
        Assert.Equal(callerFlags, forwarded[3]);
    }

    [Fact]
    public async Task Health_probes_are_never_recorded_even_when_every_trace_is()
    {
        await using var bed = await StartAsync("1", new() { ["Gateway:HealthCheckInterval"] = "00:00:00.200" });
        var service = bed.Backend("customers");

        // A probe sent while the gateway serves traffic, so its tracing is surely running.
        (await bed.Client.GetAsync("/api/customers/1")).EnsureSuccessStatusCode();
        var earlier = service.HealthProbes;
        await Wait.UntilAsync(() => service.HealthProbes > earlier, "a health probe");

        Assert.NotEqual("01", Flags(service.LastProbeTraceParent));
    }

    [Fact]
    public async Task Fetching_api_documents_is_never_recorded_even_when_every_trace_is()
    {
        await using var bed = await StartAsync("1");

        var response = await bed.Client.GetAsync("/openapi/customers.json");

        response.EnsureSuccessStatusCode();
        Assert.NotEqual("01", Flags(bed.Backend("customers").LastDocumentTraceParent));
    }

    private static Task<GatewayTestBed> StartAsync(string ratio, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Gateway:TraceSampleRatio"] = ratio;
        return GatewayTestBed.StartAsync(new Dictionary<string, int> { ["customers"] = 1 }, settings);
    }

    /// <summary>The trace flags of a <c>traceparent</c>, or null when there was none.</summary>
    private static string? Flags(string? traceParent) => traceParent?.Split('-')[3];
}

[CollectionDefinition(nameof(TraceSamplingTests), DisableParallelization = true)]
public sealed class TraceSamplingCollection;
