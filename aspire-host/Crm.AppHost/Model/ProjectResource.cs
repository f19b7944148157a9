namespace Crm.AppHost.Model;

/// <summary>A .NET project of the suite run as one or more processes (replicas).</summary>
public sealed class ProjectResource(string name, string projectDirectory) : Resource(name)
{
    private IReadOnlyList<ProjectEndpoint>? _endpoints;

    public override string Kind => "project";

    /// <summary>The project folder relative to the repository root, e.g. services/Customers/Crm.Customers.</summary>
    public string ProjectDirectory { get; } = projectDirectory;

    public int Replicas { get; set; } = 1;

    /// <summary>What the project listens on, in declaration order; read from its appsettings.json on first use.</summary>
    public IReadOnlyList<ProjectEndpoint> Endpoints => _endpoints ??= ProjectEndpoint.Read(Path.Combine(Crm.Hosting.Repository.Root, ProjectDirectory));

    /// <summary>The endpoint health probes and people use: the first one that answers HTTP/1.1.</summary>
    public ProjectEndpoint PrimaryEndpoint => Endpoints.FirstOrDefault(endpoint => !endpoint.Http2)
        ?? throw new InvalidOperationException($"{Name} declares only HTTP/2 endpoints; it needs one that answers HTTP/1.1 for its health probes.");

    /// <summary>A fixed port for the first replica's primary endpoint (the gateway's public URL); others get free ports.</summary>
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

    /// <summary>Service discovery: this project receives services__{name}__{endpoint}__{i} for every endpoint of every replica of <paramref name="service"/>.</summary>
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
