using System.Reflection;
using Crm.AppHost.Model;
using Crm.AppHost.Runtime;

namespace Crm.AppHost.Dashboard;

/// <summary>The dashboard: a page, the resources as JSON, each instance's recent console output, and an OTLP sink.</summary>
public static class DashboardApi
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/", () => Results.Stream(
            Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard.html")!, "text/html; charset=utf-8"));

        app.MapGet("/api/resources", (SuiteGraph graph, Orchestrator orchestrator) => new
        {
            // When every resource was first running and healthy; whether they still are is notHealthy's business.
            readyAfterSeconds = orchestrator.ReadyAfter?.TotalSeconds,
            notHealthy = graph.All.SelectMany(resource => resource.Instances.Count == 0 ? [resource.Name] :
                resource.Instances.Where(instance => instance.State != ResourceState.Running).Select(instance => instance.Name)),
            brokerManagement = orchestrator.BrokerManagementUri?.ToString(),
            resources = graph.All.Select(resource => new
            {
                resource.Name,
                resource.Kind,
                waitsFor = resource.WaitsFor.Select(dependency => dependency.Name),
                instances = resource.Instances.Select(Describe),
            }),
        });

        app.MapGet("/api/resources/{instance}/logs", (string instance, SuiteGraph graph) =>
            Find(graph, instance) is { } found
                ? Results.Text(string.Join('\n', found.Logs.Snapshot()))
                : Results.Problem(statusCode: 404, title: $"No resource instance '{instance}'"));

        // Services export OpenTelemetry here (OTLP over HTTP); the dashboard counts what each instance sends.
        app.MapPost("/otlp/{instance}/v1/{signal}", (string instance, SuiteGraph graph) =>
        {
            if (Find(graph, instance) is { } found)
            {
                Interlocked.Increment(ref found.TelemetryRequests);
            }

            return Results.Bytes([], "application/x-protobuf");
        });

        return app;
    }

    private static object Describe(ResourceInstance instance) => new
    {
        instance.Name,
        State = instance.State.ToString(),
        instance.Health,
        instance.ProcessId,
        instance.Restarts,
        instance.LastExitCode,
        instance.StartedAt,
        instance.Endpoints,
        instance.Http2Endpoints,
        Telemetry = Interlocked.Read(ref instance.TelemetryRequests),
    };

    private static ResourceInstance? Find(SuiteGraph graph, string name) =>
        graph.All.SelectMany(resource => resource.Instances).FirstOrDefault(instance => instance.Name == name);
}
