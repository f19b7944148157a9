using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests;

/// <summary>
/// A real Kestrel server on a loopback port standing in for one replica of a suite service: it echoes what it
/// received, sleeps on <c>.../slow</c>, serves a small OpenAPI document and a switchable <c>/health</c>.
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

    public int HealthProbes => Volatile.Read(ref healthProbes);

    /// <summary>The W3C trace context of the latest health probe (null when it carried none).</summary>
    public string? LastProbeTraceParent { get; private set; }

    /// <summary>The W3C trace context of the latest OpenAPI document request (null when it carried none).</summary>
    public string? LastDocumentTraceParent { get; private set; }

    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<FakeService> StartAsync(string name, int replica = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeService(app, name, replica);

        app.MapGet("/health", (HttpContext context) =>
        {
            service.LastProbeTraceParent = context.Request.Headers.TraceParent.FirstOrDefault();
            Interlocked.Increment(ref service.healthProbes);
            return service.Healthy ? Results.Text("Healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/openapi/v1.json", (HttpContext context) =>
        {
            service.LastDocumentTraceParent = context.Request.Headers.TraceParent.FirstOrDefault();
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
        return Results.Json(new BackendEcho(Name, Replica, context.Request.Method, context.Request.Path + context.Request.QueryString, body.Length, headers));
    }

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
