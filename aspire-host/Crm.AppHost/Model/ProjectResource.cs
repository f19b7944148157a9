namespace Crm.AppHost.Model;

/// <summary>A .NET project of the suite run as one or more processes (replicas).</summary>
public sealed class ProjectResource(string name, string projectDirectory) : Resource(name)
{
    public override string Kind => "project";

    /// <summary>The project folder relative to the repository root, e.g. services/Customers/Crm.Customers.</summary>
    public string ProjectDirectory { get; } = projectDirectory;

    public int Replicas { get; set; } = 1;

    /// <summary>A fixed port for the first replica (the gateway's public URL); others get free ports.</summary>
    public int? FixedPort { get; set; }

    public BrokerResource? Broker { get; private set; }

    public List<DatabaseResource> Databases { get; } = [];

    public List<ProjectResource> Services { get; } = [];

    public ProjectResource WithReference(BrokerResource broker)
    {
        Broker = broker;
        return WaitFor(broker);
    }

    public ProjectResource WithReference(DatabaseResource database)
    {
        Databases.Add(database);
        return WaitFor(database.Server);
    }

    /// <summary>Service discovery: this project receives services__{name}__http__{i} for every replica of <paramref name="service"/>.</summary>
    public ProjectResource WithReference(ProjectResource service)
    {
        Services.Add(service);
        return this;
    }

    public ProjectResource WaitFor(Resource resource)
    {
        if (!WaitsFor.Contains(resource))
        {
            WaitsFor.Add(resource);
        }

        return this;
    }
}
