using System.Globalization;
using Crm.AppHost.Model;
using Crm.Hosting;

namespace Crm.AppHost.Runtime;

/// <summary>
/// Builds the command line and environment of one project replica: exactly the variables an Aspire AppHost
/// injects, so the services run unchanged under either.
/// </summary>
public sealed class ProjectLauncher(int dashboardPort)
{
    public ChildProcessSpec Spec(ProjectResource project, ResourceInstance instance, int port, IReadOnlyDictionary<ProjectResource, List<string>> serviceEndpoints)
    {
        var assembly = Repository.ProjectAssembly(project.ProjectDirectory);

        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instance.Name}-{Guid.NewGuid():N}",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{dashboardPort}/otlp/{instance.Name}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (project.Broker?.ConnectionString is { } broker)
        {
            environment[$"ConnectionStrings__{project.Broker.Name}"] = broker;
        }

        foreach (var database in project.Databases)
        {
            environment[$"ConnectionStrings__{database.Name}"] = database.ConnectionString;
        }

        foreach (var service in project.Services)
        {
            var endpoints = serviceEndpoints[service];
            for (var i = 0; i < endpoints.Count; i++)
            {
                environment[$"services__{service.Name}__http__{i.ToString(CultureInfo.InvariantCulture)}"] = endpoints[i];
            }
        }

        return new ChildProcessSpec(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [assembly])
        {
            WorkingDirectory = Path.Combine(Repository.Root, project.ProjectDirectory),
            Environment = environment,
            Output = ConsoleOutput.For(instance),
        };
    }
}
