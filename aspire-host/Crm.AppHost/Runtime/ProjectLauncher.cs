using Crm.AppHost.Model;
using Crm.Hosting;

namespace Crm.AppHost.Runtime;

/// <summary>
/// Builds the command line and environment of one project replica: exactly the variables an Aspire AppHost
/// injects, so the services run unchanged under either.
/// </summary>
public sealed class ProjectLauncher(int dashboardPort)
{
    public ChildProcessSpec Spec(ProjectResource project, ResourceInstance instance, InstanceAddresses addresses, ServiceDiscovery discovery)
    {
        var assembly = Repository.ProjectAssembly(project.ProjectDirectory);

        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instance.Name}-{Guid.NewGuid():N}",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{dashboardPort}/otlp/{instance.Name}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var endpoint in project.Endpoints)
        {
            // As Aspire does: a project with Kestrel endpoints of its own keeps their protocols and gets only new
            // URLs; setting ASPNETCORE_URLS as well would just make Kestrel warn that it ignores it.
            var variable = endpoint.KestrelKey is { } key ? $"Kestrel__Endpoints__{key}__Url" : "ASPNETCORE_URLS";
            environment[variable] = addresses.Url(endpoint);
        }

        if (project.Broker?.ConnectionString is { } broker)
        {
            environment[$"ConnectionStrings__{project.Broker.Name}"] = broker;
        }

        foreach (var database in project.Databases)
        {
            environment[$"ConnectionStrings__{database.Name}"] = database.ConnectionString;
        }

        foreach (var (variable, address) in project.Services.SelectMany(discovery.VariablesFor))
        {
            environment[variable] = address;
        }

        return new ChildProcessSpec(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [assembly])
        {
            WorkingDirectory = Path.Combine(Repository.Root, project.ProjectDirectory),
            Environment = environment,
            Output = ConsoleOutput.For(instance),
        };
    }
}
