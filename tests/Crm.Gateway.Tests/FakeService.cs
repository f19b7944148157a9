using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests;

/// <summary>
/// A real Kestrel server on a loopback port standing in for one replica of a suite service: it echoes what it
/// received, sleeps on <c>.../slow</c>, waits on <c>.../hold</c> until released, serves a small OpenAPI document and a switchable <c>/health</c>. Like the
/// suite's services it can also listen on an HTTP/2-only (h2c) endpoint.
/// </summary>
public sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeService(WebApplication app, string name, int replica)
    {
        this.app = app;
        Name = name;
        Replica = replica;
    }

    public string Name { get; }

    public int Replica { get; }

    public bool Healthy { get; set; } = true;

    private int healthProbes;

    private int held;

    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many requests to <c>.../hold</c> are waiting for <see cref="ReleaseHeld"/>.</summary>
    public int Held => Volatile.Read(ref held);

    /// <summary>Lets every request to <c>.../hold</c>, present and future, answer.</summary>
    public void ReleaseHeld() => release.TrySetResult();

    public int HealthProbes => Volatile.Read(ref healthProbes);

    /// <summary>The HTTP version of the latest health probe, e.g. <c>HTTP/2</c>.</summary>
    public string? LastProbeProtocol { get; private set; }

    /// <summary>The HTTP version of the latest OpenAPI document request.</summary>
    public string? LastDocumentProtocol { get; private set; }

    /// <summary>The W3C trace context of the latest health probe (null when it carried none).</summary>
    public string? LastProbeTraceParent { get; private set; }

    /// <summary>The W3C trace context of the latest OpenAPI document request (null when it carried none).</summary>
    public string? LastDocumentTraceParent { get; private set; }

    /// <summary>The HTTP/1.1 endpoint.</summary>
    public Uri Address => new(Addresses[0]);

    /// <summary>The h2c endpoint (HTTP/2 with prior knowledge), when started with one.</summary>
    public Uri? Http2Address => Addresses.Count > 1 ? new Uri(Addresses[1]) : null;

    private List<string> Addresses => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    public static async Task<FakeService> StartAsync(string name, int replica = 0, bool http2 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Kestrel lists the bound addresses in the order they are declared: HTTP/1.1 first, then h2c.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (http2)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeService(app, name, replica);

        app.MapGet("/health", (HttpContext context) =>
        {
            service.LastProbeTraceParent = context.Request.Headers.TraceParent.FirstOrDefault();
            service.LastProbeProtocol = context.Request.Protocol;
            Interlocked.Increment(ref service.healthProbes);
            return service.Healthy ? Results.Text("Healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/openapi/v1.json", (HttpContext context) =>
        {
            service.LastDocumentTraceParent = context.Request.Headers.TraceParent.FirstOrDefault();
            service.LastDocumentProtocol = context.Request.Protocol;
            return Results.Text(
                $$"""
                {
                  "openapi": "3.1.1",
                  "info": { "title": "{{name}} API", "version": "v1" },
                  "servers": [ { "url": "http://{{name}}.internal:8080" } ],
                  "paths": { "/api/{{name}}/ping": { "get": { "responses": { "200": { "description": "OK" } } } } }
                }
                """,
                "application/json");
        });
        app.Map("/api/{**rest}", (Delegate)service.EchoAsync);

        await app.StartAsync();
        return service;
    }

    private async Task<IResult> EchoAsync(HttpContext context)
    {
        if (context.Request.Path.Value!.EndsWith("/slow", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }

        if (context.Request.Path.Value.Contains("/hold", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref held);
            await release.Task.WaitAsync(context.RequestAborted);
        }

        if (context.Request.Path.Value.EndsWith("/missing", StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{Name} has no such resource");
        }

        if (context.Request.Path.Value.EndsWith("/gone", StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString());
        return Results.Json(new BackendEcho(
            Name, Replica, context.Request.Method, context.Request.Path + context.Request.QueryString, body.Length, headers, context.Request.Protocol));
    }

    /// <summary>Stops listening, as a replica that died would: connections to its port are refused from then on.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await app.DisposeAsync();
    }
}
