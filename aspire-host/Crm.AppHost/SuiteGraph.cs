using Crm.AppHost.Model;

namespace Crm.AppHost;

/// <summary>
/// The suite's resource graph, written the way an Aspire AppHost's Program.cs writes it: a broker, a database
/// server with one database per service, every service with its references, and the gateway in front.
/// </summary>
public sealed class SuiteGraph
{
    public SuiteGraph(AppHostOptions options)
    {
        Messaging = new BrokerResource("messaging");
        Postgres = new DatabaseServerResource("postgres");

        // Consumers start before the services whose events they consume, so their queues exist before the first
        // publish (a queue, once declared, keeps events while its service is down).
        var loyalty = Project("loyalty", "services/Loyalty/Crm.Loyalty")
            .WithReference(Messaging)
            .WithReference(Postgres.AddDatabase("loyaltydb"));

        var segmentation = Project("segmentation", "services/Segmentation/Crm.Segmentation")
            .WithReference(Messaging)
            .WithReference(Postgres.AddDatabase("segmentationdb"));

        // Profitability publishes customers' values, which segmentation follows.
        var profitability = Project("profitability", "services/Profitability/Crm.Profitability")
            .WithReference(Messaging)
            .WithReference(Postgres.AddDatabase("profitabilitydb"))
            .WaitFor(segmentation);

        var customers = Project("customers", "services/Customers/Crm.Customers")
            .WithReference(Messaging)
            .WithReference(Postgres.AddDatabase("customersdb"))
            .WaitFor(loyalty)
            .WaitFor(profitability)
            .WaitFor(segmentation);

        Gateway = Project("gateway", "gateway/Crm.Gateway")
            .WithReference(customers).WaitFor(customers)
            .WithReference(loyalty).WaitFor(loyalty)
            .WithReference(profitability).WaitFor(profitability)
            .WithReference(segmentation).WaitFor(segmentation);
        Gateway.FixedPort = options.GatewayPort;

        foreach (var (name, replicas) in options.Replicas)
        {
            var project = Projects.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException($"--replicas names '{name}', which is not a service of the suite ({string.Join(", ", Projects.Select(p => p.Name))}).");
            project.Replicas = replicas;
        }
    }

    public BrokerResource Messaging { get; }

    public DatabaseServerResource Postgres { get; }

    public ProjectResource Gateway { get; }

    public List<ProjectResource> Projects { get; } = [];

    public IEnumerable<Resource> All => new Resource[] { Messaging, Postgres }.Concat(Postgres.Databases).Concat(Projects);

    private ProjectResource Project(string name, string directory)
    {
        var project = new ProjectResource(name, directory);
        Projects.Add(project);
        return project;
    }
}
